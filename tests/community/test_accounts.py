"""Accounts: sign-up with e-mail verification, sign-in lockout, profile, data export, account deletion."""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation

from community.models import Post, Profile, Thread
from tests.community.factories import PASSWORD, PostFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def signup(client, language="en", **data):
    fields = {
        "display_name": "Ana P.",
        "email": "ana@example.org",
        "password1": "cities of migration 42",
        "password2": "cities of migration 42",
        **data,
    }
    return client.post(url("account_signup", language), fields)


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Create an account"), ("fr", "Créer un compte"), ("de", "Konto erstellen")]
)
def test_sign_up_page_in_each_language(client, language, heading):
    response = client.get(url("account_signup", language))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html
    assert 'class="site-header"' in html  # the portal's frame, not allauth's bare page


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_sign_in_and_password_reset_pages_in_each_language(client, language):
    assert client.get(url("account_login", language)).status_code == 200
    assert client.get(url("account_reset_password", language)).status_code == 200


def test_a_sign_up_with_mismatched_passwords_shows_the_error_at_the_field_and_keeps_the_rest(client):
    response = signup(client, "fr", password2="something else entirely")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_email">' in html
    assert 'name="email" value="ana@example.org"' in html  # what was typed is kept
    assert 'name="display_name" value="Ana P."' in html
    assert '<ul class="errorlist' in html
    assert "Vous devez saisir deux fois le même mot de passe." in html
    assert not get_user_model().objects.filter(email="ana@example.org").exists()


def test_sign_up_sends_a_verification_e_mail_in_the_page_language(client):
    response = signup(client, "fr")

    assert response.status_code == 302
    user = get_user_model().objects.get(email="ana@example.org")
    assert user.profile.display_name == "Ana P."
    assert user.profile.preferred_language == "fr"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    assert message.subject == "[Cities of Migration] Confirmez votre adresse courriel"
    assert message.body.startswith("Bonjour Ana P.,")  # their display name, not their address
    assert "probablement vous" in message.body
    link = re.search(r"https?://\S+/fr/accounts/confirm-email/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    confirm_page = client.get("/" + path)
    assert confirm_page.status_code == 200
    client.post("/" + path)
    assert EmailAddress.objects.get(email="ana@example.org").verified


def test_unverified_members_cannot_sign_in(client):
    signup(client)
    client.logout()
    mail.outbox.clear()

    response = client.post(url("account_login"), {"login": "ana@example.org", "password": "cities of migration 42"})

    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_sign_up_honeypot_refuses_robots(client):
    response = signup(client, website_url="http://spam.example")

    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="ana@example.org").exists()


def test_sign_up_is_rate_limited(client):
    for number in range(5):
        signup(client, email=f"person{number}@example.org")
        client.logout()

    response = signup(client, "fr", email="one-too-many@example.org")

    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert not get_user_model().objects.filter(email="one-too-many@example.org").exists()


def test_sign_in_shows_the_members_name_and_a_sign_out_form(client, member):
    response = client.post(url("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302

    html = client.get(url("community:index")).content.decode()
    assert member.profile.display_name in html
    assert f'<form method="post" action="{url("account_logout")}">' in html


def test_lockout_after_repeated_failed_sign_ins(client, member):
    for _attempt in range(4):
        response = client.post(url("account_login"), {"login": member.email, "password": "wrong"})
        assert response.status_code == 200
    fifth = client.post(url("account_login"), {"login": member.email, "password": "wrong"})
    assert fifth.status_code == 429

    locked = client.post(url("account_login"), {"login": member.email, "password": PASSWORD})

    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_page_in_french(client, member):
    for _attempt in range(5):
        client.post(url("account_login", "fr"), {"login": member.email, "password": "wrong"})

    locked = client.post(url("account_login", "fr"), {"login": member.email, "password": PASSWORD})

    assert locked.status_code == 429
    assert "Trop de tentatives de connexion" in locked.content.decode()


def test_profile_page_edits_the_profile(client, member):
    client.force_login(member)
    assert client.get(url("community:profile")).status_code == 200

    response = client.post(
        url("community:profile"),
        {
            "display_name": "Member Renamed",
            "organisation": "City Hall",
            "role": "city-staff",
            "languages": ["fr", "ar"],
            "preferred_language": "de",
        },
    )

    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.display_name == "Member Renamed"
    assert profile.languages == ["fr", "ar"]
    assert profile.preferred_language == "de"


def test_profile_bad_input_is_a_form_error(client, member):
    client.force_login(member)

    response = client.post(url("community:profile"), {"display_name": "", "preferred_language": "xx"})

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_account_pages_need_sign_in(client):
    for name in ["community:profile", "community:export", "community:delete-account"]:
        response = client.get(url(name))
        assert response.status_code == 302
        assert response["Location"].startswith(url("account_login"))


def test_data_export_is_json_with_everything(client, member):
    thread = ThreadFactory(author=member, title="My question")
    PostFactory(thread=thread, author=member, body_markdown="My words")
    client.force_login(member)

    response = client.get(url("community:export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["profile"]["display_name"] == member.profile.display_name
    assert data["threads"][0]["title"] == "My question"
    assert data["posts"][0]["text"] == "My words"


def test_data_export_holds_registrations_subscriptions_proposals_and_sign_ins(client, member, settings):
    from conversations.models import Delivery, Subscriber
    from goodideas.models import Proposal
    from tests.conversations.factories import IssueFactory
    from tests.goodideas.factories import GoodIdeaFactory
    from tests.webinars.factories import RegistrationFactory, WebinarFactory

    RegistrationFactory(user=member, webinar=WebinarFactory(title_en="Libraries as first stops"), language="fr")
    RegistrationFactory(webinar=WebinarFactory(title_en="Someone else's"), user=UserFactory())
    subscriber = Subscriber.objects.create(email=member.email.upper(), language="de")
    Subscriber.objects.filter(pk=subscriber.pk).update(email=member.email)  # stored in lower case
    Delivery.objects.create(subscriber=subscriber, issue=IssueFactory(number=4))
    Subscriber.objects.create(email="stranger@example.org")
    idea = GoodIdeaFactory(title_en="Neighbourhood mentors", status="submitted", published_at=None)
    Proposal.objects.create(idea=idea, name="Ana", email=member.email.upper(), phone="123", language="fr")
    client.post(url("account_login"), {"login": member.email, "password": PASSWORD})

    data = json.loads(client.get(url("community:export")).content)

    (registration,) = data["webinar_registrations"]
    assert registration["webinar"] == "Libraries as first stops"
    assert (registration["status"], registration["language"]) == ("registered", "fr")
    (subscription,) = data["newsletter_subscriptions"]
    assert (subscription["email"], subscription["language"], subscription["confirmed"]) == (member.email, "de", None)
    assert [item["issue"] for item in subscription["issues_received"]] == [4]
    (proposal,) = data["good_idea_proposals"]
    assert (proposal["idea"], proposal["phone"], proposal["agreed_to_be_public_contact"]) == (
        "Neighbourhood mentors",
        "123",
        False,
    )
    assert len(data["sign_ins"]) == 1
    assert data["sign_ins"][0]["ip_address"] == "127.0.0.1"
    assert "stranger@example.org" not in json.dumps(data)


def sign_in(client, user):
    """Signed in, and the password confirmed again as allauth asks before deleting an account."""
    client.force_login(user)
    response = client.post(url("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def test_delete_account_asks_for_the_password_again(client, member):
    client.force_login(member)

    response = client.post(url("community:delete-account"), {"posts": "keep", "confirm": "on"})

    assert response.status_code == 302
    assert "reauthenticate" in response["Location"]
    assert get_user_model().objects.filter(pk=member.pk).exists()


def test_delete_account_keeping_posts_as_former_member(client, member, other_member):
    thread = ThreadFactory(author=member, title="Kept thread")
    PostFactory(thread=thread, author=member, body_markdown="Kept words")
    PostFactory(thread=thread, author=other_member, body_markdown="A reply")
    sign_in(client, member)
    assert client.get(url("community:delete-account")).status_code == 200

    response = client.post(url("community:delete-account"), {"posts": "keep", "confirm": "on"})

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=member.pk).exists()
    post = Post.objects.get(body_markdown="Kept words")
    assert post.author is None
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Former member" in html
    assert "Kept words" in html


def test_delete_account_removing_posts(client, member, other_member):
    own_thread = ThreadFactory(author=member, title="Only mine")
    PostFactory(thread=own_thread, author=member)
    shared = ThreadFactory(author=member, title="Answered by others")
    PostFactory(thread=shared, author=member, body_markdown="My question text")
    PostFactory(thread=shared, author=other_member, body_markdown="Their answer")
    elsewhere = ThreadFactory(author=other_member)
    PostFactory(thread=elsewhere, author=other_member, body_markdown="Their question")
    PostFactory(thread=elsewhere, author=member, body_markdown="My reply elsewhere")
    sign_in(client, member)

    client.post(url("community:delete-account"), {"posts": "remove", "confirm": "on"})

    assert not get_user_model().objects.filter(pk=member.pk).exists()
    assert not Thread.objects.filter(title="Only mine").exists()
    assert Thread.objects.filter(title="Answered by others").exists()
    assert sorted(Post.objects.values_list("body_markdown", flat=True)) == ["Their answer", "Their question"]


def test_deleting_the_account_deletes_the_records_of_its_sign_ins(client, member, other_member):
    from axes.models import AccessLog

    client.post(url("account_login"), {"login": member.email, "password": PASSWORD})
    client.logout()
    client.post(url("account_login"), {"login": other_member.email, "password": PASSWORD})
    client.logout()
    assert AccessLog.objects.count() == 2
    sign_in(client, member)

    client.post(url("community:delete-account"), {"posts": "keep", "confirm": "on"})

    assert list(AccessLog.objects.values_list("username", flat=True)) == [other_member.username]


def test_delete_account_needs_confirmation(client, member):
    sign_in(client, member)

    response = client.post(url("community:delete-account"), {"posts": "keep"})

    assert response.status_code == 200
    assert get_user_model().objects.filter(pk=member.pk).exists()


def test_former_members_posts_render_without_profile(client):
    thread = ThreadFactory(author=None)
    PostFactory(thread=thread, author=None, body_markdown="Orphan text")

    html = client.get(thread.get_absolute_url()).content.decode()

    assert "Former member" in html


def test_user_made_in_the_admin_gets_a_profile_on_first_post(client, no_premoderation):
    user = get_user_model().objects.create_user("plain", "plain@example.org", PASSWORD)
    thread = ThreadFactory()
    client.force_login(user)

    client.post(thread.get_absolute_url(), {"body": "Hello"})

    assert Profile.objects.get(user=user).display_name == "plain"


def test_sign_out_is_a_post_form(client, member):
    client.force_login(member)

    response = client.post(url("account_logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_user_factory_makes_distinct_members():
    assert UserFactory().email != UserFactory().email


def test_verification_e_mail_in_german_is_formal(client):
    signup(client, "de")

    message = mail.outbox[0]
    assert message.subject == "[Cities of Migration] Bestätigen Sie Ihre E-Mail-Adresse"
    assert "wahrscheinlich Sie" in message.body
    assert " du " not in message.body
    assert " dein" not in message.body


def test_profile_lists_the_members_recent_posts(client, member):
    thread = ThreadFactory(author=member, title="Where to start?")
    PostFactory(thread=thread, author=member)
    client.force_login(member)

    html = client.get(url("community:profile", "fr")).content.decode()

    assert "Vos messages récents" in html
    assert "Where to start?" in html


def test_password_reset_sends_a_working_link(client, member):
    member.profile.preferred_language = "de"
    member.profile.save()
    response = client.post(url("account_reset_password", "de"), {"email": member.email})

    assert response.status_code == 302
    done = client.get(response["Location"])
    assert "Sehen Sie in Ihre E-Mails" in done.content.decode()
    assert mail.outbox[0].to == [member.email]
    assert mail.outbox[0].subject == "[Cities of Migration] Neues Passwort wählen"
    link = re.search(r"https?://\S+/de/accounts/password/reset/key/\S+/", mail.outbox[0].body).group(0)
    page = client.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)
    assert "Neues Passwort wählen" in page.content.decode()


def test_sign_in_and_out_messages_in_german(client, member):
    signed_in = client.post(url("account_login", "de"), {"login": member.email, "password": PASSWORD}, follow=True)
    assert f"Sie sind als {member.profile.display_name} angemeldet." in signed_in.content.decode()

    signed_out = client.post(url("account_logout", "de"))
    assert signed_out["Location"] == "/de/"
    assert "Sie sind abgemeldet." in client.get("/de/").content.decode()


def test_change_of_e_mail_address_is_confirmed_by_mail(client, member):
    member.profile.preferred_language = "fr"
    member.profile.save()
    client.force_login(member)

    response = client.post(url("account_email", "fr"), {"action_add": "", "email": "new@example.org"})

    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new@example.org"]
    assert mail.outbox[-1].subject == "[Cities of Migration] Confirmez votre adresse courriel"
    page = client.get(url("account_email", "fr")).content.decode()
    assert "En attente de confirmation" in page
    assert "new@example.org" in page


def test_change_of_password(client, member):
    client.force_login(member)
    assert client.get(url("account_change_password", "de")).status_code == 200

    response = client.post(
        url("account_change_password", "de"),
        {"oldpassword": PASSWORD, "password1": "a brand new passphrase 9", "password2": "a brand new passphrase 9"},
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("a brand new passphrase 9")
