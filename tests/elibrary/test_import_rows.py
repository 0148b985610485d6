"""One CSV row checked by ResourceRowForm: the model's and the admin's rules, in the import report's words."""

import pytest

from elibrary.forms import ResourceRowForm
from elibrary.importer import RowError, parse_row
from elibrary.models import Kind

pytestmark = pytest.mark.django_db

ROW = {"title_en": "A report", "year": "2020", "url": "https://example.org/report"}


def error(**cells) -> str:
    with pytest.raises(RowError) as raised:
        parse_row({**ROW, **cells}, None)
    return str(raised.value)


def test_a_good_row_gives_the_resource_fields():
    fields, relations, upload = parse_row({**ROW, "languages": "EN; Fr", "published": "no"}, None)
    assert fields["slug"] == "a-report"
    assert fields["title_en"] == fields["title"] == "A report"
    assert fields["kind"] == Kind.RESEARCH_REPORT
    assert (fields["publication_year"], fields["languages"], fields["status"]) == (2020, ["en", "fr"], None)
    assert relations["themes"] == []
    assert upload is None


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"year": "1850"}, "the year 1850 is out of range (1900–2100)"),
        ({"year": ""}, "the year “” is not a year"),
        ({"date": "01/05/2020"}, "the date “01/05/2020” is not YYYY-MM-DD"),
        ({"date": "2019-05-01"}, "the date is not in the year given"),
        ({"published": "maybe"}, "published must be yes or no, not “maybe”"),
        ({"url": "http://exa mple.org/x"}, "the address “http://exa mple.org/x” is not a web address"),
        ({"file": "report.pdf"}, "files can only be imported with the import_library command"),
        ({"countries": "atlantis"}, "unknown country “atlantis”"),
        ({"title_fr": "x" * 301}, "Ensure this value has at most 300 characters (it has 301)."),
    ],
)
def test_a_bad_cell_is_reported_in_the_reports_words(cells, message):
    assert error(**cells) == message


def test_the_first_error_follows_the_columns():
    form = ResourceRowForm({**ROW, "kind": "novel", "year": "soon"})
    assert not form.is_valid()
    assert form.first_error().startswith("unknown kind “novel”")
    assert set(form.errors) == {"kind", "year"}


def test_an_address_without_scheme_gets_https_as_in_the_admin():
    fields, _relations, _upload = parse_row({**ROW, "url": "example.org/report"}, None)
    assert fields["external_url"] == "https://example.org/report"
