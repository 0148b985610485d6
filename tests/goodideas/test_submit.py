"""Proposals from the public: stored as submitted drafts, editors told, spam kept out."""

import pytest
from django.core import mail

from goodideas.models import GoodIdea, Theme
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return CityFactory(name_en="Lisbon", slug="lisbon")


def proposal(place, **changes):
    data = {
        "title": "Neighbourhood mentors",
        "summary": "Residents mentor newcomers in their first year.",
        "city": str(place.pk),
        "themes": [str(Theme.objects.get(slug="connect").pk)],
        "features": "Volunteers meet newcomers weekly.\n\nThey help with papers.",
        "strategies": "Trust first.",
        "outcomes": "Newcomers and volunteers.",
        "achievements": "200 pairs in two years.",
        "year_started": "2019",
        "agency": "Lisbon Welcome Association",
        "website": "https://mentors.example",
        "contact_name": "Rui Example",
        "contact_role": "Coordinator",
        "contact_email": "rui@example.org",
        "contact_phone": "",
        "website_url": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_form_in_each_language(client, city, language):
    response = client.get(f"/{language}/ideas/submit/")

    assert response.status_code == 200
    assert 'name="website_url"' in response.content.decode()


def test_proposal_is_stored_as_a_submitted_draft_and_editors_are_told(
    client, city, settings, django_capture_on_commit_callbacks
):
    settings.EDITORS_EMAIL = ["editors@example.org"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/ideas/submit/", proposal(city), follow=True)

    assert response.redirect_chain[-1][0] == "/en/ideas/submit/thanks/"
    assert "Thank you for your proposal" in response.content.decode()
    idea = GoodIdea.objects.get()
    assert idea.status == GoodIdea.Status.SUBMITTED
    assert idea.published_at is None
    assert idea.title_en == "Neighbourhood mentors"
    assert idea.city == city
    assert idea.organisation.name == "Lisbon Welcome Association"
    assert "<p>They help with papers.</p>" in idea.body_en
    assert idea.results_en == "200 pairs in two years."
    assert [theme.slug for theme in idea.themes.all()] == ["connect"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["editors@example.org"]
    assert "Neighbourhood mentors" in mail.outbox[0].subject
    assert f"/admin/goodideas/goodidea/{idea.pk}/change/" in mail.outbox[0].body
    assert mail.outbox[0].reply_to == ["rui@example.org"]
    # Not public until an editor publishes it.
    assert client.get(f"/en/ideas/{idea.slug}/").status_code == 404


def test_proposal_in_french_fills_french_fields(client, city):
    client.post("/fr/ideas/submit/", proposal(city, title="Mentors de quartier"))

    idea = GoodIdea.objects.get()
    assert idea.title_fr == "Mentors de quartier"
    assert idea.title_en == "Mentors de quartier"  # so that the draft is complete; editors translate


def test_html_typed_in_the_form_is_escaped(client, city):
    client.post("/en/ideas/submit/", proposal(city, features="<script>alert(1)</script>"))

    assert "<script>" not in GoodIdea.objects.get().body_en


def test_honeypot_rejects_robots(client, city):
    response = client.post("/en/ideas/submit/", proposal(city, website_url="http://spam.example"))

    assert response.status_code == 200
    assert GoodIdea.objects.count() == 0
    assert len(mail.outbox) == 0


def test_missing_fields_show_errors(client, city):
    response = client.post("/en/ideas/submit/", proposal(city, title="", contact_email="not an e-mail", city="999"))

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"title", "contact_email", "city"}
    assert GoodIdea.objects.count() == 0


def test_rate_limit(client, city):
    for number in range(5):
        assert client.post("/en/ideas/submit/", proposal(city, title=f"Idea {number}")).status_code == 302

    response = client.post("/en/ideas/submit/", proposal(city, title="One too many"))

    assert response.status_code == 429
    assert "Please try again in" in response.content.decode()
    assert GoodIdea.objects.count() == 5
