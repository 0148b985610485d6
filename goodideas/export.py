"""Open data: the filtered list of Good Ideas as CSV and JSON, streamed row by row.

The rows come from the database in chunks (`.iterator(chunk_size=…)`, with themes and tags prefetched
per chunk), so that 100,000 ideas take the memory of one chunk. JSON shape:
{"count": N, "results": [{"title", "slug", "url", "teaser", "city": {"name", "slug", "country"},
"themes": [slugs], "tags": [names], "organisation", "published": "YYYY-MM-DD",
"evidence_level", "cost_band", "people_reached", "stage", "year_started", "year_ended",
"success_factors": [values], "adapted_in": [city slugs]}]}
(the coded values are those of the list's filters: ?evidence=evaluated&cost=low&stage=running)

The CSV has the same values, one column per field; a cell that a spreadsheet would run as a formula
starts with a ' (core/csvcells.py). The JSON keeps every value exactly.
"""

import json

from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.utils import timezone

from core import csvcells
from core.context_processors import absolute_url
from goodideas.models import Adaptation

CHUNK_SIZE = 1000
CSV_COLUMNS = [
    "title",
    "slug",
    "url",
    "teaser",
    "city",
    "city_slug",
    "country",
    "themes",
    "tags",
    "organisation",
    "published",
    "evidence_level",
    "cost_band",
    "people_reached",
    "stage",
    "year_started",
    "year_ended",
    "success_factors",
    "adapted_in",
]


def rows(request, ideas):
    """One dict per idea, in the JSON shape."""
    ideas = ideas.select_related("city__country", "organisation").prefetch_related(
        "themes", "tags", Prefetch("adaptations", Adaptation.objects.select_related("city").order_by("city__slug"))
    )
    for idea in ideas.iterator(chunk_size=CHUNK_SIZE):
        yield {
            "title": idea.title or idea.title_en,
            "slug": idea.slug,
            "url": absolute_url(request, idea.get_absolute_url()),
            "teaser": idea.teaser or idea.teaser_en,
            "city": {
                "name": idea.city.name or idea.city.name_en,
                "slug": idea.city.slug,
                "country": idea.city.country.name or idea.city.country.name_en,
            },
            "themes": [theme.slug for theme in idea.themes.all()],
            "tags": sorted(tag.name for tag in idea.tags.all()),
            "organisation": idea.organisation.name if idea.organisation else None,
            "published": timezone.localdate(idea.published_at).isoformat() if idea.published_at else None,
            "evidence_level": idea.evidence_level or None,
            "cost_band": idea.cost_band or None,
            "people_reached": idea.people_reached,
            "stage": idea.stage or None,
            "year_started": idea.year_started,
            "year_ended": idea.year_ended,
            "success_factors": list(idea.success_factors),
            "adapted_in": [adaptation.city.slug for adaptation in idea.adaptations.all()],
        }


def filename(extension):
    return f"cities-of-migration-good-ideas-{timezone.localdate().isoformat()}.{extension}"


def csv_response(request, ideas):
    def lines():
        yield CSV_COLUMNS
        for row in rows(request, ideas):
            yield [
                row["title"],
                row["slug"],
                row["url"],
                row["teaser"],
                row["city"]["name"],
                row["city"]["slug"],
                row["city"]["country"],
                " ".join(row["themes"]),
                "; ".join(row["tags"]),
                row["organisation"],
                row["published"],
                *(row[name] for name in CSV_COLUMNS[11:17]),
                " ".join(row["success_factors"]),
                " ".join(row["adapted_in"]),
            ]

    return csvcells.csv_response(lines(), filename("csv"))


def json_response(request, ideas):
    count = ideas.count()

    def chunks():
        yield f'{{"count": {count:d}, "results": ['
        for position, row in enumerate(rows(request, ideas)):
            yield ("," if position else "") + json.dumps(row, ensure_ascii=False)
        yield "]}"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename("json")}"'
    return response
