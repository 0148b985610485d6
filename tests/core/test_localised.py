"""The field in the page's language, else English (core/localised.py): the one rule every page uses."""

import pytest
from django.utils import translation

from core import localised
from elibrary.models import Resource
from tests.elibrary.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_the_page_language_is_one_of_the_portals():
    with translation.override("fr"):
        assert localised.page_language() == "fr"
    with translation.override("es"):
        assert localised.page_language() == "en"


def test_a_missing_translation_is_shown_in_english_and_says_so():
    resource = Resource(title_en="Report", title_fr="Rapport", summary_en="In English only", summary_fr="")
    with translation.override("fr"):
        assert localised.shown_language(resource, "title") is None
        assert localised.shown_language(resource, "summary") == "en"
    with translation.override("en"):
        assert localised.shown_language(resource, "summary") is None


def test_the_expression_and_the_sql_fall_back_to_english():
    ResourceFactory(slug="both", title_en="Zebra", title_fr="Abeille")
    ResourceFactory(slug="english", title_en="Mouse", title_fr="")
    with translation.override("fr"):
        titles = Resource.objects.annotate(shown=localised.expression("title", Resource)).order_by("shown")
        assert [row.shown for row in titles] == ["Abeille", "Mouse"]
        assert 'COALESCE(NULLIF(r."title_fr", \'\'), r."title_en")' in localised.sql("r", "title", Resource)
    with translation.override("en"):
        assert localised.sql("r", "title", Resource) == 'r."title_en"::text'
        assert localised.sql("r", "slug", Resource) == 'r."slug"::text'


def test_an_untranslated_field_is_itself():
    assert not localised.is_translated(Resource, "slug")
    assert localised.is_translated(Resource, "title")
