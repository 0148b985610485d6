"""Proposals from the public: stored as submitted drafts, editors told, spam kept out."""

import pytest
from django.core import mail

from goodideas.models import GoodIdea
from places.models import Theme

pytestmark = pytest.mark.django_db


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
    assert idea.status == GoodIdea.Status.IN_REVIEW
    assert idea.published_at is None
    assert idea.title_en == "Neighbourhood mentors"
    assert idea.city == city
    assert idea.organisation.name == "Lisbon Welcome Association"
    assert "<p>They help with papers.</p>" in idea.body_en
    assert idea.results_en == "200 pairs in two years."
    assert [theme.slug for theme in idea.themes.all()] == ["connect"]
    to_editors = next(message for message in mail.outbox if message.to == ["editors@example.org"])
    assert "Neighbourhood mentors" in to_editors.subject
    assert f"/admin/goodideas/goodidea/{idea.pk}/change/" in to_editors.body
    assert "Rui Example <rui@example.org>" in to_editors.body
    assert "did not agree to be shown" in to_editors.body
    assert to_editors.reply_to == ["rui@example.org"]
    # Not public until an editor publishes it.
    assert client.get(f"/en/ideas/{idea.slug}/").status_code == 404


def test_proposers_details_stay_private_unless_they_agree(client, city, editor, django_capture_on_commit_callbacks):
    client.post("/en/ideas/submit/", proposal(city, contact_phone="+351 21 000 0000"))
    idea = GoodIdea.objects.get()
    assert (idea.contact_name, idea.contact_email, idea.contact_phone, idea.contact_role) == ("", "", "", "")
    assert idea.proposal.email == "rui@example.org"
    assert idea.proposal.publish_contact is False

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/goodideas/goodidea/",
            {"action": "publish", "publish_untranslated": "yes", "_selected_action": [idea.pk], "index": 0},
        )
    client.logout()
    page = client.get(f"/en/ideas/{idea.slug}/").content.decode()
    assert "Neighbourhood mentors" in page
    for private in ("rui@example.org", "Rui Example", "+351 21 000 0000", "Coordinator"):
        assert private not in page


def test_proposer_who_agrees_becomes_the_public_contact(client, city, editor):
    client.post("/fr/ideas/submit/", proposal(city, publish_contact="on", contact_role="Coordinatrice"))
    idea = GoodIdea.objects.get()
    assert idea.proposal.publish_contact is True

    client.force_login(editor)
    client.post(
        "/admin/goodideas/goodidea/",
        {"action": "publish", "publish_untranslated": "yes", "_selected_action": [idea.pk], "index": 0},
    )
    client.logout()

    page = client.get(f"/fr/ideas/{idea.slug}/").content.decode()
    assert 'href="mailto:rui@example.org"' in page
    assert "Rui Example" in page
    assert "Coordinatrice" in page


def test_form_asks_for_consent_and_links_the_privacy_page(client, city):
    html = client.get("/de/ideas/submit/").content.decode()

    assert 'name="publish_contact"' in html
    assert 'type="checkbox"' in html
    assert 'href="/de/privacy/"' in html


def test_editor_is_warned_that_the_proposers_details_are_private(client, city, editor):
    client.post("/en/ideas/submit/", proposal(city))
    idea = GoodIdea.objects.get()
    client.force_login(editor)

    html = client.get(f"/admin/goodideas/goodidea/{idea.pk}/change/").content.decode()

    assert "did not agree to be shown on the site" in html
    assert "Proposed by (private: never shown on the site)" in html
    assert "rui@example.org" in html  # the editors can reach the proposer


def test_proposer_gets_an_acknowledgement_and_a_publication_notice_in_their_language(
    client, city, editor, settings, django_capture_on_commit_callbacks
):
    settings.EDITORS_EMAIL = ["editors@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/de/ideas/submit/", proposal(city, title="Nachbarschaftsmentoren", contact_name="Rui"))

    acknowledgement = next(message for message in mail.outbox if message.to == ["rui@example.org"])
    assert acknowledgement.extra_headers["Content-Language"] == "de"
    assert acknowledgement.subject == "Wir haben Ihren Vorschlag erhalten: Nachbarschaftsmentoren"
    assert acknowledgement.body.startswith("Hallo Rui,")
    assert "http://testserver/de/privacy/" in acknowledgement.body
    mail.outbox.clear()

    idea = GoodIdea.objects.get()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/goodideas/goodidea/",
            {"action": "publish", "publish_untranslated": "yes", "_selected_action": [idea.pk], "index": 0},
        )
    (notice,) = mail.outbox
    assert notice.to == ["rui@example.org"]
    assert notice.subject == "Ihre Gute Idee ist veröffentlicht: Nachbarschaftsmentoren"
    assert f"http://testserver/de/ideas/{idea.slug}/" in notice.body

    # Unpublished and published again: the proposer is told only once.
    mail.outbox.clear()
    client.post("/admin/goodideas/goodidea/", {"action": "unpublish", "_selected_action": [idea.pk], "index": 0})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/goodideas/goodidea/",
            {"action": "publish", "publish_untranslated": "yes", "_selected_action": [idea.pk], "index": 0},
        )
    assert mail.outbox == []


def change_form_data(client, idea) -> dict:
    """What the idea's change form posts when the editor saves it unchanged."""
    form = client.get(f"/admin/goodideas/goodidea/{idea.pk}/change/").context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name == "image" or value is None:
            continue
        if hasattr(value, "__iter__") and not isinstance(value, str):
            data[name] = [getattr(item, "pk", item) for item in value]
        else:
            data[name] = getattr(value, "pk", value)
    data["tags"] = ""
    for prefix in ("further_reading", "adaptations", "former_slugs"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def test_publishing_from_the_change_form_also_tells_the_proposer(
    client, city, editor, django_capture_on_commit_callbacks
):
    client.post("/en/ideas/submit/", proposal(city))
    idea = GoodIdea.objects.get()
    client.force_login(editor)
    data = change_form_data(client, idea)
    data["status"] = "published"
    data["publish_untranslated"] = "on"  # a proposal comes in one language
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/goodideas/goodidea/{idea.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert [message.to for message in mail.outbox] == [["rui@example.org"]]
    assert "is now published" in mail.outbox[0].body


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


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"city": ""}, "city"),  # neither chosen nor typed
        ({"new_city": "Porto", "new_country": "Portugal"}, "new_city"),  # both
        ({"city": "", "new_city": "Porto"}, "new_country"),  # a city without its country
        ({"city": "", "new_country": "Portugal"}, "new_city"),
        ({"city": "", "new_city": "x" * 101, "new_country": "Portugal"}, "new_city"),
    ],
)
def test_place_must_be_chosen_or_typed(client, city, changes, field):
    response = client.post("/en/ideas/submit/", proposal(city, **changes))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert GoodIdea.objects.count() == 0


def test_rate_limit(client, city):
    for number in range(5):
        assert client.post("/en/ideas/submit/", proposal(city, title=f"Idea {number}")).status_code == 302

    response = client.post("/en/ideas/submit/", proposal(city, title="One too many"))

    assert response.status_code == 429
    assert "Please try again in" in response.content.decode()
    assert GoodIdea.objects.count() == 5
