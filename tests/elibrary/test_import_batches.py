"""The CSV import writes each batch of rows together: a few queries per batch, whatever its number of rows,
with the behaviour of a row-by-row import (counts, updates by slug or address, links replaced, statuses)."""

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from core import translation_status
from core.versioning import content_version
from elibrary import importer
from elibrary.models import ImportRun, Resource
from places.models import Organisation
from tests.elibrary.factories import pdf_resource
from tests.goodideas.factories import GoodIdeaFactory
from tests.places.factories import CityFactory, CountryFactory

pytestmark = pytest.mark.django_db


def rows(count: int, *, start: int = 1, themes="work;learn", tags="jobs;mentoring", published="yes") -> list[dict]:
    """`count` rows naming a publisher of their own, two themes, a city, a country (by code), an idea and tags."""
    return [
        {
            "slug": f"r-{n}",
            "title_en": f"Resource {n}",
            "title_fr": f"Ressource {n}" if n % 2 else "",
            "summary_en": f"About {n}.",
            "summary_fr": f"Sur {n}." if n % 2 else "",
            "kind": "toolkit",
            "publisher": f"Publisher {n % 7}",
            "year": "2020",
            "languages": "en;fr",
            "url": f"https://example.org/r/{n}",
            "themes": themes,
            "cities": "toronto",
            "countries": "CA",
            "ideas": "mentoring",
            "tags": tags,
            "published": published,
        }
        for n in range(start, start + count)
    ]


@pytest.fixture
def places():
    CountryFactory(slug="canada", code="CA")
    CityFactory(slug="toronto")
    GoodIdeaFactory(slug="mentoring")


def import_(batch: list[dict]) -> importer.Report:
    report = importer.Report()
    importer.import_rows(list(enumerate(batch, start=2)), None, report)
    return report


def batch_queries(batch: list[dict]) -> int:
    run = ImportRun.objects.create(file_name="x.csv", csv_text="")
    with CaptureQueriesContext(connection) as queries:
        importer.import_batch(run.pk, batch, len(batch))
    return len(queries)


def test_a_batch_costs_the_same_queries_at_5_and_50_rows(places, django_assert_max_num_queries):
    import_(rows(1, start=1000))  # the tags exist: a new tag name costs a query (once)
    small = batch_queries(rows(5))
    second, third = (ImportRun.objects.create(file_name=f"{n}.csv", csv_text="") for n in (2, 3))
    with django_assert_max_num_queries(small):
        importer.import_batch(second.pk, rows(50, start=6), 50)
    assert Resource.objects.count() == 56
    # Updating (the same rows again, with other links) costs no more per row either.
    with django_assert_max_num_queries(small + 2):  # + the update of the rows, + deleting the links that go
        importer.import_batch(third.pk, rows(50, start=6, themes="plan"), 50)


def test_a_batch_creates_then_updates_and_replaces_links(places):
    version = content_version()
    report = import_(rows(3))
    assert (report.created, report.updated, report.skipped) == (3, 0, [])
    assert content_version() > version  # pages show the new resources at once
    resource = Resource.objects.get(slug="r-1")
    assert resource.status == "published"
    assert resource.published_at is not None
    assert sorted(theme.slug for theme in resource.themes.all()) == ["learn", "work"]
    assert [city.slug for city in resource.cities.all()] == ["toronto"]
    assert [country.code for country in resource.countries.all()] == ["CA"]
    assert [idea.slug for idea in resource.related_ideas.all()] == ["mentoring"]
    assert sorted(tag.name for tag in resource.tags.all()) == ["jobs", "mentoring"]
    assert resource.publisher.name == "Publisher 1"
    assert translation_status.status_of(resource, "fr") == "current"
    assert translation_status.status_of(Resource.objects.get(slug="r-2"), "fr") == "missing"
    first_published = resource.published_at

    changed = rows(3, themes="plan", tags="housing", published="no")
    changed[1]["title_fr"] = "Ressource 2"
    changed[1]["summary_fr"] = "Sur 2."
    report = import_(changed)

    assert (report.created, report.updated) == (0, 3)
    assert Resource.objects.count() == 3
    assert Organisation.objects.filter(name="Publisher 1").count() == 1
    resource.refresh_from_db()
    assert resource.status == "withdrawn"  # "published: no" takes a published resource off the site
    assert (resource.title, resource.languages, resource.publication_date) == ("Resource 1", ["en", "fr"], None)
    assert resource.published_at == first_published
    assert [theme.slug for theme in resource.themes.all()] == ["plan"]
    assert [tag.name for tag in resource.tags.all()] == ["housing"]
    assert translation_status.status_of(Resource.objects.get(slug="r-2"), "fr") == "current"  # translated now


def test_a_slug_twice_in_a_batch_is_one_resource_updated_by_the_later_row(places):
    first, second = rows(2)
    second["slug"] = "r-1"
    report = import_([first, second])
    assert (report.created, report.updated) == (1, 1)
    assert Resource.objects.get().title_en == "Resource 2"


def test_a_row_without_a_slug_updates_the_resource_with_its_address(places):
    import_(rows(1))
    again = rows(1)[0] | {"slug": "", "title_en": "Renamed"}
    report = import_([again])
    assert (report.created, report.updated) == (0, 1)
    assert Resource.objects.get().title_en == "Renamed"


def test_bad_rows_are_skipped_with_their_line_and_the_rest_imported(places):
    batch = rows(3)
    batch[1]["cities"] = "atlantis"
    report = import_(batch)
    assert (report.created, report.skipped) == (2, [(3, "unknown city “atlantis”")])


def test_a_database_error_in_the_batch_falls_back_to_one_row_at_a_time(places, monkeypatch):
    def fail(pending):
        Resource.objects.create(slug="half-written", title="Half", publication_year=2020)  # rolled back
        raise IntegrityError("as a constraint the rows' checks do not know of would")

    monkeypatch.setattr(importer, "write_together", fail)
    report = import_(rows(3))
    assert (report.created, report.updated, report.skipped) == (3, 0, [])
    assert sorted(Resource.objects.values_list("slug", flat=True)) == ["r-1", "r-2", "r-3"]


def test_an_address_in_place_of_a_stored_file_deletes_the_file(places, django_capture_on_commit_callbacks):
    resource = pdf_resource("Old file.", slug="r-1")
    name = resource.file.name
    with django_capture_on_commit_callbacks(execute=True):
        import_(rows(1))
    resource.refresh_from_db()
    assert (resource.file.name, resource.file_format, resource.extracted_text) == ("", "", "")
    assert resource.external_url == "https://example.org/r/1"
    assert not resource.file.storage.exists(name)
