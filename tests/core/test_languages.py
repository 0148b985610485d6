"""The languages content is in (core/languages.py): one name per code, each kind its own list."""

import pytest
from django.utils import translation

from community.models import Profile
from core import languages
from elibrary.models import Resource
from webinars.models import Webinar


@pytest.mark.parametrize("codes", [languages.DOCUMENT, languages.SPOKEN, languages.MEMBER])
def test_every_list_names_known_languages_once(codes):
    assert len(set(codes)) == len(codes)
    assert set(codes) <= set(languages.NAMES)


def test_the_models_offer_the_lists():
    document = Resource._meta.get_field("languages").base_field
    spoken = Webinar._meta.get_field("language")
    member = Profile._meta.get_field("languages").base_field
    assert [code for code, _name in document.choices] == languages.DOCUMENT
    assert [code for code, _name in spoken.choices] == languages.SPOKEN
    assert [code for code, _name in member.choices] == languages.MEMBER


def test_names_follow_the_page_language():
    with translation.override("fr"):
        assert languages.labels(["de", "es"]) == ["Allemand", "Espagnol"]
    with translation.override("de"):
        assert languages.label("fr") == "Französisch"
    assert languages.label("xx") == "xx"


def test_the_resource_shows_its_document_languages():
    with translation.override("en"):
        assert Resource(languages=["en", "ar", "other"]).language_labels() == ["English", "Arabic", "Other"]
