"""Proposals and profiles from cities not in the portal: typed, matched, reviewed by an editor."""

import pytest
from django.core import mail

from community.models import Profile
from goodideas.models import GoodIdea, Proposal
from places.models import City, Country, Theme, TypedPlace
from tests.community.factories import UserFactory
from tests.goodideas.test_submit import change_form_data
from tests.places.factories import CityFactory, CountryFactory

pytestmark = pytest.mark.django_db


def proposal(**changes):
    data = {
        "title": "Neighbourhood mentors",
        "summary": "Residents mentor newcomers in their first year.",
        "city": "",
        "new_city": "Tampere",
        "new_country": "Finland",
        "themes": [str(Theme.objects.get(slug="connect").pk)],
        "features": "Volunteers meet newcomers weekly.",
        "outcomes": "Newcomers and volunteers.",
        "agency": "Tampere Welcome",
        "contact_name": "Aino",
        "contact_email": "aino@example.org",
        "website_url": "",
    }
    data.update(changes)
    return data


def review(client, place, **data):
    return client.post(f"/admin/places/typedplace/{place.pk}/change/", data)


def test_anyone_may_propose_from_a_city_not_in_the_portal(client, zurich, settings, django_capture_on_commit_callbacks):
    settings.EDITORS_EMAIL = ["editors@example.org"]
    cities_before = City.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/ideas/submit/", proposal())

    assert response.status_code == 302
    idea = GoodIdea.objects.get()
    assert idea.city is None  # until an editor confirms the city
    place = idea.proposal.place
    assert (place.city_name, place.country, place.country_name) == ("Tampere", None, "Finland")
    assert City.objects.count() == cities_before  # nothing created without an editor
    assert Country.objects.filter(code="FI").count() == 0
    to_editors = next(message for message in mail.outbox if message.to == ["editors@example.org"])
    assert "Tampere, Finland (not in the portal yet" in to_editors.body
    to_proposer = next(message for message in mail.outbox if message.to == ["aino@example.org"])
    assert "Tampere is not in the portal yet" in to_proposer.body


def test_a_typed_city_already_in_the_portal_is_that_city(client, zurich):
    # Another spelling and case, the country in German: still Zürich, Switzerland.
    client.post("/en/ideas/submit/", proposal(new_city="  zurich ", new_country="schweiz"))

    idea = GoodIdea.objects.get()
    assert idea.city == zurich
    assert TypedPlace.objects.count() == 0
    assert City.objects.filter(slug__startswith="zurich").count() == 1


def test_the_same_typed_city_waits_once_for_review(client):
    client.post("/en/ideas/submit/", proposal(title="First"))
    client.post("/en/ideas/submit/", proposal(title="Second", new_city="TAMPERE", new_country="finland"))

    assert TypedPlace.objects.count() == 1
    assert Proposal.objects.filter(place=TypedPlace.objects.get()).count() == 2


def test_editor_merges_a_typed_city_into_the_existing_one(client, editor, zurich):
    client.post("/en/ideas/submit/", proposal(new_city="Zuerich", new_country="Switzerland"))
    place = TypedPlace.objects.get()
    idea = GoodIdea.objects.get()
    assert idea.city is None
    client.force_login(editor)

    change = client.get(f"/admin/goodideas/goodidea/{idea.pk}/change/").content.decode()
    assert "typed a city that is not in the portal yet: Zuerich, Switzerland" in change
    page = client.get(f"/admin/places/typedplace/{place.pk}/change/")
    assert page.status_code == 200
    assert "<strong>Zürich, Switzerland</strong>" in page.content.decode()  # suggested
    assert page.context["merge_form"].initial == {"city": zurich.pk}

    response = review(client, place, **{"merge": "1", "merge-city": zurich.pk})

    assert response.status_code == 302
    idea.refresh_from_db()
    place.refresh_from_db()
    assert idea.city == zurich
    assert idea.organisation.city == zurich
    assert place.city == zurich
    assert place.resolved_at is not None
    # The next proposer who types it the same way gets Zürich at once.
    client.post("/en/ideas/submit/", proposal(title="Another", new_city="Zuerich", new_country="Switzerland"))
    assert GoodIdea.objects.get(title_en="Another").city == zurich


def test_editor_confirms_a_new_city_with_its_coordinates(client, editor):
    finland = CountryFactory(name_en="Finland", slug="finland", code="FI")
    client.post("/en/ideas/submit/", proposal(new_country="Suomi"))  # a name the portal does not know
    place = TypedPlace.objects.get()
    client.force_login(editor)

    page = client.get(f"/admin/places/typedplace/{place.pk}/change/").content.decode()
    assert "Add the country first" in page
    response = review(
        client,
        place,
        **{
            "confirm": "1",
            "new-name": "Tampere",
            "new-country": finland.pk,
            "new-latitude": "61.5",
            "new-longitude": "23.8",
        },
    )

    assert response.status_code == 302
    city = City.objects.get(name_en="Tampere")
    assert (city.country, city.latitude, city.longitude) == (finland, 61.5, 23.8)
    assert GoodIdea.objects.get().city == city
    assert client.get(f"/en/cities/{city.slug}/").status_code == 200


def test_confirming_a_city_that_exists_under_another_spelling_is_refused(client, editor, zurich):
    client.post("/en/ideas/submit/", proposal(new_city="Zuerich", new_country="Switzerland"))
    place = TypedPlace.objects.get()
    client.force_login(editor)

    response = review(
        client,
        place,
        **{
            "confirm": "1",
            "new-name": "zurich",
            "new-country": zurich.country.pk,
            "new-latitude": "47.4",
            "new-longitude": "8.5",
        },
    )

    assert response.status_code == 200
    assert "is already in the portal: merge the typed city into it instead" in response.content.decode()
    assert City.objects.filter(country=zurich.country).count() == 1
    assert GoodIdea.objects.get().city is None


@pytest.mark.parametrize(
    "data",
    [
        {"confirm": "1", "new-name": "Tampere", "new-country": "", "new-latitude": "61.5", "new-longitude": "23.8"},
        {"confirm": "1", "new-name": "Tampere", "new-country": "999", "new-latitude": "200", "new-longitude": "x"},
        {"merge": "1", "merge-city": "999"},
        {"merge": "1"},
    ],
)
def test_bad_review_input_is_a_form_error(client, editor, data):
    client.post("/en/ideas/submit/", proposal())
    place = TypedPlace.objects.get()
    client.force_login(editor)

    response = review(client, place, **data)

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    place.refresh_from_db()
    assert place.city is None


def test_an_idea_without_a_city_cannot_be_published(client, editor):
    client.post("/en/ideas/submit/", proposal())
    idea = GoodIdea.objects.get()
    client.force_login(editor)

    response = client.post(
        "/admin/goodideas/goodidea/",
        {"action": "publish", "publish_untranslated": "yes", "_selected_action": [idea.pk], "index": 0},
        follow=True,
    )

    assert "has no city yet" in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == GoodIdea.Status.IN_REVIEW
    data = change_form_data(client, idea)
    data["status"] = "published"
    response = client.post(f"/admin/goodideas/goodidea/{idea.pk}/change/", data)
    assert response.status_code == 200
    assert "A published Good Idea needs a city." in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == GoodIdea.Status.IN_REVIEW
    preview = client.get(f"/en/ideas/preview/{idea.pk}/")
    assert preview.status_code == 200
    assert "Neighbourhood mentors" in preview.content.decode()


def test_typed_places_are_for_editors_only(client):
    client.post("/en/ideas/submit/", proposal())
    place = TypedPlace.objects.get()
    assert client.get("/admin/places/typedplace/").status_code == 302
    client.force_login(UserFactory())
    assert client.get(f"/admin/places/typedplace/{place.pk}/change/").status_code == 302  # not staff
    client.force_login(UserFactory(is_staff=True))  # staff, but not an editor
    assert client.get(f"/admin/places/typedplace/{place.pk}/change/").status_code == 403
    assert review(client, place, merge="1", **{"merge-city": CityFactory().pk}).status_code == 403


def test_editor_sees_the_cities_to_review(client, editor):
    client.post("/en/ideas/submit/", proposal())
    client.force_login(editor)

    response = client.get("/admin/places/typedplace/?reviewed=no")

    assert response.status_code == 200
    assert "Tampere" in response.content.decode()


# Members' profiles -------------------------------------------------------------------------------------


def test_member_types_a_city_not_in_the_list_and_an_editor_merges_it(client, editor, zurich):
    member = UserFactory()
    client.force_login(member)
    profile_form = client.get("/en/accounts/profile/").content.decode()
    assert 'name="new_city"' in profile_form
    assert 'list="known-countries"' in profile_form
    assert '<option value="Switzerland">' in profile_form

    response = client.post(
        "/en/accounts/profile/",
        {"display_name": "Ana", "city": "", "new_city": "Zurique", "new_country": "Suisse", "preferred_language": "en"},
    )

    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.city is None
    assert profile.place.city_name == "Zurique"
    assert profile.place.country == zurich.country
    assert 'value="Zurique"' in client.get("/en/accounts/profile/").content.decode()  # shown until reviewed

    client.force_login(editor)
    review(client, profile.place, **{"merge": "1", "merge-city": zurich.pk})
    profile.refresh_from_db()
    assert profile.city == zurich


def test_member_typing_a_known_city_gets_it_and_choosing_one_forgets_a_typed_one(client, zurich):
    member = UserFactory()
    client.force_login(member)

    client.post(
        "/en/accounts/profile/",
        {"display_name": "Ana", "new_city": "ZÜRICH", "new_country": "CH", "preferred_language": "en"},
    )
    profile = Profile.objects.get(user=member)
    assert (profile.city, profile.place) == (zurich, None)

    client.post(
        "/en/accounts/profile/",
        {"display_name": "Ana", "new_city": "Tampere", "new_country": "Finland", "preferred_language": "en"},
    )
    profile.refresh_from_db()
    assert profile.city is None
    assert profile.place.city_name == "Tampere"

    client.post("/en/accounts/profile/", {"display_name": "Ana", "city": zurich.pk, "preferred_language": "en"})
    profile.refresh_from_db()
    assert (profile.city, profile.place) == (zurich, None)


def test_profile_city_typed_without_country_is_a_form_error(client):
    client.force_login(UserFactory())

    response = client.post(
        "/en/accounts/profile/", {"display_name": "Ana", "new_city": "Tampere", "preferred_language": "en"}
    )

    assert response.status_code == 200
    assert "new_country" in response.context["form"].errors
    assert TypedPlace.objects.count() == 0
