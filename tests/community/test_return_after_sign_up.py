"""Signing in or up from a page returns to it, through the e-mail confirmation too."""

import re
from html import unescape

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

ANA = {
    "display_name": "Ana P.",
    "email": "ana@example.org",
    "password1": "cities of migration 42",
    "password2": "cities of migration 42",
}


def hrefs(html: str, path: str) -> list[str]:
    return [unescape(link) for link in re.findall(rf'href="({re.escape(path)}[^"]*)"', html)]


def confirmation_path(message) -> str:
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", message.body).group(0)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_header_sign_in_and_sign_up_links_carry_the_current_page(client, return_after_sign_up_idea):
    html = client.get("/fr/ideas/library-settlement-workers/?from=list").content.decode()

    expected = "next=/fr/ideas/library-settlement-workers/%3Ffrom%3Dlist"
    assert any(expected in link for link in hrefs(html, "/fr/accounts/signup/"))
    assert any(expected in link for link in hrefs(html, "/fr/accounts/login/"))
    # The "sign in or create an account to ask" prompt on the idea's page too.
    assert all("next=/fr/ideas/library-settlement-workers/" in link for link in hrefs(html, "/fr/accounts/signup/"))


def test_on_the_sign_up_page_the_links_keep_where_the_visitor_came_from(client):
    html = client.get("/en/accounts/signup/?next=/en/webinars/").content.decode()

    assert "/en/accounts/login/?next=/en/webinars/" in hrefs(html, "/en/accounts/login/")
    assert not any("signup" in link.split("next=", 1)[-1] for link in hrefs(html, "/en/accounts/"))


def test_sign_up_from_an_idea_and_confirm_the_address_lands_back_on_the_idea(client, return_after_sign_up_idea):
    page = client.get(return_after_sign_up_idea.get_absolute_url()).content.decode()
    sign_up_link = hrefs(page, "/en/accounts/signup/")[0]
    form = client.get(sign_up_link).content.decode()
    next_field = re.search(r'<input type="hidden" name="next" value="([^"]+)">', form).group(1)

    response = client.post(sign_up_link, {**ANA, "next": next_field})
    assert response.status_code == 302
    confirm = confirmation_path(mail.outbox[0])
    assert client.get(confirm).status_code == 200
    response = client.post(
        confirm, {"next": f"/en/ideas/{return_after_sign_up_idea.slug}/"} if "next=" in confirm else {}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/en/ideas/{return_after_sign_up_idea.slug}/"
    landed = client.get(response["Location"])
    assert landed.wsgi_request.user.is_authenticated  # signed in by the confirmation
    assert "Ana P." in landed.content.decode()


def test_confirming_in_another_browser_still_leads_back_to_the_idea(client, return_after_sign_up_idea):
    client.post(
        f"/en/accounts/signup/?next=/en/ideas/{return_after_sign_up_idea.slug}/",
        {**ANA, "next": f"/en/ideas/{return_after_sign_up_idea.slug}/"},
    )
    confirm = confirmation_path(mail.outbox[0])
    assert f"?next=/en/ideas/{return_after_sign_up_idea.slug}/" in confirm.replace("%2F", "/")

    other_browser = client.__class__()
    page = other_browser.get(confirm).content.decode()
    assert f'name="next" value="/en/ideas/{return_after_sign_up_idea.slug}/"' in page
    response = other_browser.post(confirm, {"next": f"/en/ideas/{return_after_sign_up_idea.slug}/"})

    assert response["Location"] == f"/en/ideas/{return_after_sign_up_idea.slug}/"
    landed = other_browser.get(response["Location"]).content.decode()
    assert f"/en/accounts/login/?next=/en/ideas/{return_after_sign_up_idea.slug}/" in hrefs(
        landed, "/en/accounts/login/"
    )


def test_a_next_to_another_site_is_not_followed(client):
    client.post("/en/accounts/signup/?next=https://evil.example/", {**ANA, "next": "https://evil.example/"})

    confirm = confirmation_path(mail.outbox[0])
    assert "evil" not in confirm
    response = client.post(confirm)
    assert "evil" not in response["Location"]
