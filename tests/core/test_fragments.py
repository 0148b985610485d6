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
