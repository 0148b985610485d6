"""core.addresses.slug_url: the same address as reverse(), in every language and under a script prefix."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from core.addresses import slug_url


@pytest.mark.parametrize("language", ["en", "fr", "de"])
@pytest.mark.parametrize("name", ["goodideas:detail", "goodideas:city", "elibrary:detail"])
def test_the_same_address_as_reverse(name, language):
    with translation.override(language):
        assert slug_url(name, "museums-welcome-refugees") == reverse(name, kwargs={"slug": "museums-welcome-refugees"})
        assert slug_url(name, "museums-welcome-refugees").startswith(f"/{language}/")


def test_under_a_script_prefix():
    set_script_prefix("/portal/")
    try:
        assert slug_url("goodideas:detail", "a-slug") == "/portal/en/ideas/a-slug/"
    finally:
        set_script_prefix("/")
    assert slug_url("goodideas:detail", "a-slug") == "/en/ideas/a-slug/"


@pytest.mark.parametrize("slug", ["", "not a slug", "a/b"])
def test_what_reverse_refuses_is_refused(slug):
    with pytest.raises(NoReverseMatch):
        slug_url("goodideas:detail", slug)
