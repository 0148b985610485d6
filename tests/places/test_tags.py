"""Tags with French and German names (places.Tag, taggit's custom tag model): taggit keeps working by the
English name, readers see the name in their language (else the English, marked lang="en")."""

import pytest
from django.urls import reverse
from django.utils import translation

from places.models import Tag
from tests.elibrary.factories import ResourceFactory
from tests.goodideas.factories import idea_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def housing():
    return Tag.objects.create(name="housing", name_fr="logement", name_de="Wohnen")


def test_taggit_finds_a_tag_by_its_english_name_whatever_the_language(housing):
    idea = idea_with()

    with translation.override("fr"):
        idea.tags.add("housing", "youth")

    assert set(idea.tags.values_list("pk", flat=True)) >= {housing.pk}
    assert Tag.objects.filter(name="housing").count() == 1
    assert Tag.objects.get(name="youth").slug == "youth"


@pytest.mark.parametrize(("language", "shown"), [("en", "housing"), ("fr", "logement"), ("de", "Wohnen")])
def test_an_idea_page_shows_its_tags_in_the_readers_language(client, housing, language, shown):
    idea = idea_with(tags=["housing"])

    html = client.get(f"/{language}{idea.get_absolute_url().removeprefix('/en')}").content.decode()

    assert f'?tag=housing">{shown}</a>' in html


def test_a_tag_without_a_french_name_shows_its_english_name_marked_english(client):
    idea = idea_with(tags=["peer guides"])

    html = client.get(f"/fr{idea.get_absolute_url().removeprefix('/en')}").content.decode()

    assert '<span lang="en">peer guides</span>' in html


@pytest.mark.parametrize(("language", "shown", "hidden"), [("fr", "logement", "Wohnen"), ("de", "Wohnen", "logement")])
def test_the_list_facet_names_tags_in_the_readers_language(client, housing, language, shown, hidden):
    idea_with(tags=["housing"], title_en="Housing first")
    idea_with(tags=["youth"], title_en="Youth council")

    html = client.get(f"/{language}/ideas/").content.decode()

    assert shown in html
    assert hidden not in html


def test_the_tag_filter_still_takes_the_slug(client, housing):
    idea_with(tags=["housing"], title_en="Housing first")
    idea_with(tags=["youth"], title_en="Youth council")

    html = client.get("/fr/ideas/?tag=housing").content.decode()

    assert "Housing first" in html
    assert "Youth council" not in html


def test_a_resource_page_shows_its_tags_in_the_readers_language(client, housing):
    resource = ResourceFactory()
    resource.tags.add("housing")

    html = client.get(f"/de{resource.get_absolute_url().removeprefix('/en')}").content.decode()

    assert "Wohnen" in html


def test_editors_translate_tag_names_in_the_list(client, editor, housing):
    client.force_login(editor)
    url = reverse("admin:places_tag_changelist")
    form = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(housing.pk),
        "form-0-name_fr": "habitat",
        "form-0-name_de": "Wohnraum",
        "_save": "Save",
    }

    response = client.post(url, form)

    housing.refresh_from_db()
    assert response.status_code == 302
    assert (housing.name, housing.name_fr, housing.name_de) == ("housing", "habitat", "Wohnraum")


def test_the_tag_list_shows_which_tags_lack_a_german_name(client, editor, housing):
    Tag.objects.create(name="youth")
    client.force_login(editor)

    html = client.get(reverse("admin:places_tag_changelist") + "?name_de__isempty=1").content.decode()

    assert "youth" in html
    assert "Wohnen" not in html
