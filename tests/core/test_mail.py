"""E-mails: links to the host the portal really runs on, plain-text subjects, greetings, the member's language."""

import re

import icalendar
import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command

from community.models import Follow
from conversations.models import Subscriber
from tests.community.factories import ThreadFactory, UserFactory
from tests.conversations.factories import IssueFactory, ItemFactory, SubscriberFactory
from tests.core.support import HOST
from tests.goodideas.factories import GoodIdeaFactory
from tests.places.factories import CityFactory
from tests.webinars.factories import WebinarFactory

pytestmark = pytest.mark.django_db
BASE = f"http://{HOST}"


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s<>\"]+", text)


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


# Links lead to the host of the request that caused the mail --------------------------------------------


def test_newsletter_confirmation_links_to_the_port_the_portal_runs_on(on_port):
    response = on_port.post("/fr/newsletter/", {"email": "ada@example.org", "language": "fr", "website_url": ""})

    assert response.status_code == 302
    (message,) = mail.outbox
    confirm = next(link for link in links(message.body) if "/newsletter/confirm/" in link)
    assert confirm.startswith(f"{BASE}/fr/newsletter/confirm/")
    assert all(link.startswith(BASE) for link in links(message.body))
    assert on_port.post(path_of(confirm)).status_code == 200
    assert Subscriber.objects.get().is_active


def test_issue_sent_from_the_admin_links_and_unsubscribes_on_that_port(on_port, editor, run_jobs):
    issue = IssueFactory(number=7, title_en="Housing & work")
    ItemFactory(issue=issue, slug="first")
    subscriber = SubscriberFactory(email="reader@example.org", language="en")
    on_port.force_login(editor)

    on_port.post(
        "/admin/conversations/issue/", {"action": "send_to_subscribers", "_selected_action": [issue.pk], "index": 0}
    )
    run_jobs()  # the job sends, its links leading where the request came from

    (message,) = mail.outbox
    assert message.extra_headers["List-Unsubscribe"] == f"<{BASE}/en/newsletter/unsubscribe/{subscriber.token}/>"
    html, _mimetype = message.alternatives[0]
    assert links(message.body)
    assert all(link.startswith(BASE) for link in links(message.body))
    assert links(html)
    assert all(link.startswith(BASE) for link in links(html))


def test_webinar_mail_and_its_calendar_file_link_to_that_port(on_port, django_capture_on_commit_callbacks):
    webinar = WebinarFactory()
    member = UserFactory()
    on_port.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        on_port.post(f"/en/webinars/{webinar.slug}/register/")

    (message,) = mail.outbox
    assert f"{BASE}/en/webinars/{webinar.slug}/" in message.body
    _name, content, _mimetype = message.attachments[0]
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["url"]) == f"{BASE}/en/webinars/{webinar.slug}/"


def test_community_and_editors_mails_link_to_that_port(on_port, settings, django_capture_on_commit_callbacks):
    settings.COMMUNITY_PREMODERATE_FIRST_POSTS = 1
    settings.EDITORS_EMAIL = ["editors@example.org"]
    thread = ThreadFactory()
    follower = UserFactory()
    Follow.objects.create(user=follower, thread=thread)
    newcomer = UserFactory()
    on_port.force_login(newcomer)

    with django_capture_on_commit_callbacks(execute=True):
        on_port.post(thread.get_absolute_url(), {"body": "My first reply"})
    (to_editors,) = mail.outbox
    assert any(link.startswith(f"{BASE}/admin/community/post/") for link in links(to_editors.body))

    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    on_port.force_login(editor)
    post = newcomer.community_posts.get()
    on_port.post("/admin/community/post/", {"action": "approve", "_selected_action": [post.pk], "index": 0})
    reply = next(message for message in mail.outbox if message.to == [follower.email])
    assert reply.extra_headers["List-Unsubscribe"].startswith(f"<{BASE}/en/community/unsubscribe/")
    assert links(reply.body)
    assert all(link.startswith(BASE) for link in links(reply.body))


def test_sign_up_confirmation_links_to_that_port(on_port):
    on_port.post(
        "/en/accounts/signup/",
        {
            "display_name": "Ana",
            "email": "ana@example.org",
            "password1": "cities of migration 42",
            "password2": "cities of migration 42",
        },
    )

    (message,) = mail.outbox
    confirm = next(link for link in links(message.body) if "/accounts/confirm-email/" in link)
    assert confirm.startswith(f"{BASE}/en/accounts/confirm-email/")
    assert message.body.rstrip().endswith(HOST)  # signed with the address the portal answers on


def test_the_configured_public_address_wins_over_the_request_host(on_port, settings):
    settings.SITE_URL = "https://citiesofmigration.example"

    on_port.post("/en/newsletter/", {"email": "ada@example.org", "language": "en", "website_url": ""})
    on_port.post(
        "/en/accounts/signup/",
        {
            "display_name": "Ana",
            "email": "ana@example.org",
            "password1": "cities of migration 42",
            "password2": "cities of migration 42",
        },
    )

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert links(message.body)
        assert all(link.startswith("https://citiesofmigration.example") for link in links(message.body))
        assert any(link.startswith("https://citiesofmigration.example/en/") for link in links(message.body))


def test_send_issue_without_a_public_address_refuses_and_sends_nothing(settings):
    settings.SITE_URL = ""
    IssueFactory(number=3)
    SubscriberFactory(email="reader@example.org")

    with pytest.raises(CommandError, match="DJANGO_SITE_URL"):
        call_command("send_issue", "3", verbosity=0)
    assert mail.outbox == []

    with pytest.raises(CommandError, match="--site-url"):
        call_command("send_issue", "3", "--site-url", "citiesofmigration.example", verbosity=0)

    call_command("send_issue", "3", "--site-url", "https://citiesofmigration.example/", verbosity=0)
    (message,) = mail.outbox
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://citiesofmigration.example/en/newsletter/")


# Subjects, greetings and the member's language ---------------------------------------------------------


def test_subjects_are_plain_text_not_html_escaped(client, site_url, django_capture_on_commit_callbacks):
    webinar = WebinarFactory(title_en="Housing & work: “what” <works>")
    member = UserFactory()
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/webinars/{webinar.slug}/register/")

    (message,) = mail.outbox
    assert message.subject == "You are registered: Housing & work: “what” <works>"


def test_issue_subject_is_not_escaped(site_url):
    IssueFactory(number=5, title_en="Logement & emploi", title_fr="Logement & emploi")
    SubscriberFactory(language="fr")

    call_command("send_issue", "5", verbosity=0)

    subject = mail.outbox[0].subject
    assert subject.startswith("Conversations sur l’intégration n° 5")
    assert subject.endswith("Logement & emploi")


def test_greeting_uses_the_display_name_never_the_address(client, site_url, django_capture_on_commit_callbacks):
    webinar = WebinarFactory()
    member = UserFactory(username="ana.perez", email="ana.perez@example.org")
    member.profile.display_name = "Ana P."
    member.profile.save()
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/webinars/{webinar.slug}/register/")

    assert mail.outbox[0].body.startswith("Hello Ana P.,\n")
    assert "ana.perez" not in mail.outbox[0].body


def test_greeting_without_a_known_name_has_no_gap(site_url, django_user_model, django_capture_on_commit_callbacks):
    from webinars import services

    user = django_user_model.objects.create_user("lee", "lee@example.org", "a long password 123")  # no profile
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(user=user, webinar=WebinarFactory(), language="de")

    body = mail.outbox[0].body
    assert body.startswith("Guten Tag,\n")
    assert "lee" not in body.split("\n", 1)[0]


def test_contact_without_a_name_is_greeted_without_a_gap(client, settings, django_capture_on_commit_callbacks):
    settings.COMMUNITY_PREMODERATE_FIRST_POSTS = 0
    settings.EDITORS_EMAIL = []
    idea = GoodIdeaFactory(contact_name="", contact_email="team@library.example", city=CityFactory())
    client.force_login(UserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/community/ideas/{idea.slug}/ask/", {"title": "Costs?", "kind": "question", "body": "How?"})

    (message,) = mail.outbox
    assert message.body.startswith("Hello,\n")


def test_webinar_mail_in_the_language_the_member_chose(client, site_url, django_capture_on_commit_callbacks):
    webinar = WebinarFactory(title_de="Bibliotheken als erste Anlaufstelle")
    member = UserFactory()
    member.profile.preferred_language = "de"
    member.profile.save()
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/fr/webinars/{webinar.slug}/register/")  # from the French page

    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "de"
    assert message.subject == "Sie sind angemeldet: Bibliotheken als erste Anlaufstelle"
    assert f"/de/webinars/{webinar.slug}/" in message.body


def test_password_reset_in_the_language_the_member_chose(client):
    member = UserFactory()
    member.profile.preferred_language = "de"
    member.profile.save()

    client.post("/en/accounts/password/reset/", {"email": member.email})  # from the English page

    (message,) = mail.outbox
    assert message.subject == "[Cities of Migration] Neues Passwort wählen"
    assert message.body.startswith(f"Hallo {member.profile.display_name},")
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", message.body).group(0)
    assert "/de/accounts/password/reset/key/" in link
    assert "Neues Passwort wählen" in client.get(path_of(link), follow=True).content.decode()
