"""Each Good Ideas URL reverses and resolves, in each language."""

import pytest
from django.urls import resolve, reverse
from django.utils import translation

ROUTES = [
    ("goodideas:list", {}, "ideas/"),
    ("goodideas:detail", {"slug": "multaqa"}, "ideas/multaqa/"),
    ("goodideas:export-csv", {}, "ideas/export.csv"),
    ("goodideas:export-json", {}, "ideas/export.json"),
    ("goodideas:feed", {}, "ideas/feed/"),
    ("goodideas:feed-atom", {}, "ideas/feed/atom/"),
    ("goodideas:submit", {}, "ideas/submit/"),
    ("goodideas:submit-thanks", {}, "ideas/submit/thanks/"),
    ("goodideas:theme", {"slug": "work"}, "themes/work/"),
    ("goodideas:cities", {}, "cities/"),
    ("goodideas:city", {"slug": "berlin"}, "cities/berlin/"),
]


@pytest.mark.parametrize("language", ["en", "fr", "de"])
@pytest.mark.parametrize(("name", "kwargs", "path"), ROUTES)
def test_reverse_and_resolve(name, kwargs, path, language):
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
        resolved = resolve(url)

    assert url == f"/{language}/{path}"
    assert resolved.view_name == name
