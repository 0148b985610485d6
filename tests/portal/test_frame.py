"""The frame of every page: language, navigation, switcher, canonical and alternate links."""

import re

import pytest
from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tests.community.factories import UserFactory
from tests.goodideas.factories import GoodIdeaFactory

pytestmark = pytest.mark.django_db

FRAME_PAGES = ["home", "about", "goodideas:list", "goodideas:cities"]
NAVIGATION = {
    "en": ["Good Ideas", "Skip to main content", "Search"],
    "fr": ["Bonnes idées", "Aller au contenu principal", "Rechercher"],
    "de": ["Gute Ideen", "Zum Hauptinhalt springen", "Suchen"],
}


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("language", ["en", "fr", "de"])
@pytest.mark.parametrize("name", FRAME_PAGES)
def test_every_frame_page_renders_in_each_language(client, name, language):
    response = client.get(url(name, language))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    for text in NAVIGATION[language]:
        assert text in html
    assert '<main id="main"' in html
    assert 'href="#main"' in html


def test_urls_carry_the_language():
    assert url("about", "en") == "/en/about/"
    assert url("about", "fr") == "/fr/about/"
    assert url("about", "de") == "/de/about/"


@pytest.mark.parametrize(("accept", "target"), [("fr-CA,fr;q=0.9", "/fr/"), ("de", "/de/"), ("es", "/en/")])
def test_root_redirects_by_accept_language(client, accept, target):
    response = client.get("/", headers={"accept-language": accept})

    assert response.status_code == 302
    assert response["Location"] == target


def test_language_switcher_leads_to_the_same_page_with_its_query(client):
    response = client.get("/en/ideas/?q=library&page=1")

    assert 'href="/fr/ideas/?q=library&amp;page=1" hreflang="fr" lang="fr"' in response.content.decode()
    assert 'href="/de/ideas/?q=library&amp;page=1" hreflang="de" lang="de"' in response.content.decode()


def test_language_switcher_marks_the_current_language(client):
    response = client.get("/de/about/")

    assert 'href="/de/about/" hreflang="de" lang="de" aria-current="true">Deutsch</a>' in response.content.decode()


def test_canonical_and_hreflang_alternates(client):
    response = client.get("/fr/about/")
    html = response.content.decode()

    assert '<link rel="canonical" href="http://testserver/fr/about/">' in html
    for language in ("en", "fr", "de"):
        assert f'<link rel="alternate" hreflang="{language}" href="http://testserver/{language}/about/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/en/about/">' in html


def test_canonical_uses_the_configured_site_url(client, settings):
    settings.SITE_URL = "https://citiesofmigration.example"

    response = client.get("/de/")

    assert '<link rel="canonical" href="https://citiesofmigration.example/de/">' in response.content.decode()


def test_home_shows_the_five_themes_in_the_page_language(client):
    response = client.get("/fr/")
    html = response.content.decode()

    for name in ("Travailler", "Vivre", "Apprendre", "Se rencontrer", "Planifier"):
        assert name in html


def test_home_has_no_empty_sections(client):
    response = client.get("/en/")

    assert "Recent Good Ideas" not in response.content.decode()


def test_home_lists_the_five_most_recent_ideas(client):
    ideas = GoodIdeaFactory.create_batch(6)

    response = client.get("/en/")

    html = response.content.decode()
    assert "Recent Good Ideas" in html
    shown = [idea for idea in ideas if idea.get_absolute_url() in html]
    assert shown == ideas[1:]


def test_home_page_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    GoodIdeaFactory.create_batch(8)

    # + 2 for the Conversations section (latest issue, latest news).
    # frame and ideas, e-zine and news, next webinar, the themes and the cities (read once per content
    # version: core.kept)
    with django_assert_max_num_queries(4 + 2 + 1 + 2):
        client.get("/en/")


def test_about_page_tells_what_the_portal_does(client):
    response = client.get("/de/about/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Über Cities of Migration" in html
    assert "mailto:" in html


def test_pages_carry_security_headers(client):
    response = client.get("/en/")

    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_robots_txt_keeps_crawlers_out_of_admin_and_accounts(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Disallow: /admin/" in response.content.decode()
    assert "Disallow: /fr/accounts/" in response.content.decode()


def test_favicon_ico_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")


@pytest.mark.django_db
def test_the_admin_alone_may_run_inline_scripts(client, editor):
    client.force_login(editor)

    def directives(path):
        policy = client.get(path).headers["Content-Security-Policy"]
        return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}

    admin_policy = directives("/admin/conversations/issue/add/")
    public_policy = directives("/en/")
    assert admin_policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert public_policy["script-src"] == ["'self'"]
    assert public_policy["style-src"] == ["'self'"]
    page = client.get("/admin/conversations/issue/add/").content.decode()
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in page
    assert "googleapis" not in page


def test_the_header_names_a_member_and_an_editor_without_a_member_profile(client, editor):
    member = UserFactory(username="amina")
    for user, name in ((member, "Member amina"), (editor, "editor")):  # the editor has no community profile
        client.force_login(user)
        content = client.get("/en/about/").content.decode()
        assert f'<a href="/en/accounts/profile/">{name}</a>' in content
        assert '<form method="post" action="/en/accounts/logout/">' in content
        assert 'name="csrfmiddlewaretoken" value="' in content  # the sign-out form works


def test_a_visitor_is_offered_to_sign_in_and_come_back(client):
    content = client.get("/fr/ideas/", {"theme": "work"}).content.decode()
    assert '<a href="/fr/accounts/login/?next=/fr/ideas/%3Ftheme%3Dwork">Se connecter</a>' in content
    assert "Fils d'actualité" in content  # the translators' text as written (not escaped), as before


def test_a_jinja2_page_has_the_same_frame_sign_out_form_and_messages(client):
    """An idea's page is a Jinja2 template extending the frame (not a Django page framed by {% frame %})."""
    idea = GoodIdeaFactory(title_en="Language cafés")
    client.force_login(UserFactory(username="amina"))
    # a message left for the next page, as a view leaves one before a redirect
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies[storage.cookie_name] = storage._encode([Message(messages.SUCCESS, "Your question was posted.")])

    content = client.get(idea.get_absolute_url()).content.decode()

    assert '<form method="post" action="/en/accounts/logout/">' in content
    assert re.search(r'name="csrfmiddlewaretoken" value="\w{20,}"', content)  # the sign-out form works
    assert '<li class="message message--success">Your question was posted.</li>' in content
    assert "<title>Language cafés" in content
    assert f'<link rel="canonical" href="http://testserver{idea.get_absolute_url()}">' in content


def test_a_django_page_includes_a_jinja2_partial_with_its_context_and_values():
    template = Template('{% load frame %}{% jinja "goodideas/_source.html" year=2021 url="https://x.org/" %}')

    with translation.override("fr"):
        html = template.render(Context({"source": "Statistique <Canada>"})).strip()

    link = '<a href="https://x.org/" rel="noopener">Statistique &lt;Canada&gt;</a>'
    assert html == f'<span class="muted">(2021; source : {link})</span>'


@pytest.mark.parametrize(
    "tag", ["{% jinja %}", "{% jinja name %}", '{% jinja "a.html" 2021 %}', '{% jinja "a.html" year=2021 other %}']
)
def test_a_jinja2_partial_is_named_and_given_values_by_name(tag):
    with pytest.raises(TemplateSyntaxError):
        Template("{% load frame %}" + tag)
