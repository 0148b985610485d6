"""E-mails: a new question to the idea's contact and the editors; replies to followers, with unsubscribe."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from community.models import Follow
from tests.community.factories import ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def ask(client, language, email_idea, **data):
    with translation.override(language):
        ask_url = reverse("community:idea-ask", kwargs={"slug": email_idea.slug})
    return client.post(ask_url, {"title": "Who pays?", "kind": "question", "body": "Who pays for it?", **data})


def test_new_question_goes_to_the_contact_and_the_editors(
    client, email_idea, member, settings, no_premoderation, django_capture_on_commit_callbacks
):
    settings.EDITORS_EMAIL = ["editors@example.org"]
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, "fr", email_idea)
    assert response.status_code == 302

    assert len(mail.outbox) == 2, [m.subject for m in mail.outbox]
    to_contact, to_editors = mail.outbox
    assert to_contact.to == ["dana@library.example"]
    assert to_contact.subject == "Nouvelle question sur « Agents d’établissement en bibliothèque »"
    assert to_contact.extra_headers["Content-Language"] == "fr"
    assert "Bonjour Dana" in to_contact.body
    assert to_editors.to == ["editors@example.org"]
    assert to_editors.subject == "New question about “Library settlement workers”"
    assert to_editors.extra_headers["Content-Language"] == "en"

    thread_link = next(link for link in links(to_contact.body) if "/community/threads/" in link)
    assert thread_link.startswith("http://testserver/fr/community/threads/")  # the host the member used
    page = client.get(path_of(thread_link))
    assert page.status_code == 200
    assert "Who pays for it?" in page.content.decode()


def test_pending_question_is_mailed_once_approved(client, email_idea, member, settings, editor):
    settings.COMMUNITY_PREMODERATE_FIRST_POSTS = 1
    client.force_login(member)

    ask(client, "en", email_idea)
    assert mail.outbox == []

    client.force_login(editor)
    post = member.community_posts.get()
    client.post("/admin/community/post/", {"action": "approve", "_selected_action": [post.pk], "index": 0})
    assert sorted(message.to[0] for message in mail.outbox) == sorted(["dana@library.example", *settings.EDITORS_EMAIL])


def test_reply_goes_to_followers_in_their_language_with_one_click_unsubscribe(
    client, no_premoderation, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(title="Funding question")
    from community.services.members import profile_for

    follower = UserFactory()
    profile = profile_for(follower)
    profile.preferred_language = "de"
    profile.save()
    Follow.objects.create(user=follower, thread=thread)
    replier = UserFactory()
    client.force_login(replier)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(thread.get_absolute_url(), {"body": "Here is **how**."})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [follower.email]
    assert message.subject == "Neue Antwort: Funding question"
    assert message.extra_headers["Content-Language"] == "de"
    assert f"{replier.profile.display_name} hat" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.body
    assert "/de/community/unsubscribe/" in unsubscribe

    reply_link = next(link for link in links(message.body) if "/community/threads/" in link)
    assert client.get(path_of(reply_link)).status_code == 200

    client.logout()
    confirm = client.get(path_of(unsubscribe))
    assert confirm.status_code == 200
    assert Follow.objects.filter(user=follower).exists()  # GET only asks
    done = client.post(path_of(unsubscribe))
    assert done.status_code == 200
    assert not Follow.objects.filter(user=follower).exists()


def test_authors_are_not_mailed_about_their_own_reply(
    client, thread, no_premoderation, django_capture_on_commit_callbacks
):
    client.force_login(thread.author)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(thread.get_absolute_url(), {"body": "Adding to my own question."})

    assert mail.outbox == []


def test_tampered_unsubscribe_token_is_404(client):
    with translation.override("en"):
        bad = reverse("community:unsubscribe", kwargs={"token": "not-a-real-token"})

    assert client.get(bad).status_code == 404
    assert client.post(bad).status_code == 404


def test_editors_hear_about_pending_and_reported_posts(
    client, thread, member, other_member, settings, django_capture_on_commit_callbacks
):
    settings.EDITORS_EMAIL = ["editors@example.org"]
    settings.COMMUNITY_PREMODERATE_FIRST_POSTS = 1
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(thread.get_absolute_url(), {"body": "My very first post"})

    assert len(mail.outbox) == 1
    pending = mail.outbox[0]
    assert pending.to == ["editors@example.org"]
    assert pending.subject == f"A post waits for approval in “{thread.title}”"
    admin_link = next(link for link in links(pending.body) if "/admin/" in link)
    assert "/admin/community/post/" in admin_link

    client.force_login(other_member)
    first = thread.posts.order_by("pk").first()
    client.post(reverse("community:post-report", kwargs={"pk": first.pk}), {"reason": "spam"})
    client.force_login(member)
    client.post(reverse("community:post-report", kwargs={"pk": first.pk}), {"reason": "abuse"})

    reported = [message for message in mail.outbox if "reported" in message.subject]
    assert len(reported) == 1
    assert reported[0].to == ["editors@example.org"]
