"""{% fragment %}: a piece rendered once per content version and language, shared by pages."""

import pytest
from django.template import Context, Template
from django.utils import translation

from core import versioning

pytestmark = pytest.mark.django_db

PIECE = Template('{% load fragments %}{% fragment "piece" key %}{{ text }}{% endfragment %}')


def render(key, text):
    return PIECE.render(Context({"key": key, "text": text}))


def test_a_piece_is_kept_until_the_content_version_moves_on():
    assert render(1, "first") == "first"
    assert render(1, "second") == "first"  # kept: the same version, language and key
    assert render(2, "other") == "other"  # another key
    versioning.bump()
    assert render(1, "second") == "second"


def test_a_piece_is_kept_per_language():
    render(1, "English")
    with translation.override("fr"):
        assert render(1, "Français") == "Français"


def test_no_keeping_when_the_time_is_zero(settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    render(1, "first")
    assert render(1, "second") == "second"


def test_a_facet_is_kept_under_what_it_shows():
    from core.lists.counts import Facet, FacetValue

    def facet(count, selected=False, remove_url=""):
        return Facet("theme", "Theme", [FacetValue("work", "Work", count, selected, remove_url)], multiple=True)

    assert facet(3).fingerprint == facet(3).fingerprint
    shown = {facet(3).fingerprint, facet(4).fingerprint, facet(3, True).fingerprint, facet(3, True, "?").fingerprint}
    assert len(shown) == 4
