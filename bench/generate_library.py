"""Fill the E-Library with generated resources, fast (PostgreSQL COPY), to measure search at scale.

usage: DATABASE_URL=... .venv/bin/python bench/generate_library.py --resources 100000 [--clear]

Rows get slugs "bench-N" so `--clear` (or a second run, which replaces them) removes only them.
They link to the demo themes, cities, countries and to 500 generated publishers; 30 % carry
document text (as if extracted from a PDF). PostgreSQL computes each row's search document itself.
"""

import argparse
import itertools
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citiesofmigration.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from core import db, versioning  # noqa: E402
from core import languages as document_languages  # noqa: E402
from elibrary.models import Kind, Resource  # noqa: E402
from places.models import City, Organisation, Theme  # noqa: E402

WORDS = {
    "en": [
        "city",
        "cities",
        "refugee",
        "refugees",
        "immigrant",
        "newcomer",
        "integration",
        "housing",
        "work",
        "employment",
        "school",
        "language",
        "library",
        "museum",
        "mentoring",
        "health",
        "inclusion",
        "belonging",
        "neighbourhood",
        "council",
        "policy",
        "welcome",
        "citizenship",
        "participation",
        "diversity",
        "training",
        "entrepreneurs",
        "women",
        "youth",
        "families",
        "rights",
        "volunteers",
        "dialogue",
    ],
    "fr": [
        "ville",
        "villes",
        "réfugié",
        "réfugiés",
        "immigrant",
        "nouveaux",
        "arrivants",
        "intégration",
        "logement",
        "travail",
        "emploi",
        "école",
        "langue",
        "bibliothèque",
        "musée",
        "mentorat",
        "santé",
        "inclusion",
        "appartenance",
        "quartier",
        "conseil",
        "politique",
        "accueil",
    ],
    "de": [
        "Stadt",
        "Städte",
        "Geflüchtete",
        "Zuwanderung",
        "Integration",
        "Wohnen",
        "Arbeit",
        "Beschäftigung",
        "Schule",
        "Sprache",
        "Bibliothek",
        "Museum",
        "Mentoring",
        "Gesundheit",
        "Teilhabe",
        "Zugehörigkeit",
        "Nachbarschaft",
        "Beirat",
        "Politik",
        "Willkommen",
    ],
}
FAMILY = [
    "Smith",
    "Müller",
    "Dubois",
    "Rossi",
    "Silva",
    "Garcia",
    "Kim",
    "Nguyen",
    "Okafor",
    "Haddad",
    "Jansen",
    "Novak",
    "Tremblay",
    "Wong",
    "Singh",
]
GIVEN = [
    "Anna",
    "Marc",
    "Sofia",
    "Jonas",
    "Claire",
    "Ahmed",
    "Leila",
    "Daniel",
    "Mei",
    "Priya",
    "Tom",
    "Julia",
    "Omar",
    "Lucie",
    "Hannah",
]
COLUMNS = [
    "title", "title_en", "title_fr", "title_de", "slug", "kind", "summary", "summary_en", "summary_fr",
    "summary_de", "authors", "publisher_id", "publication_year", "languages", "file", "external_url",
    "file_format", "extracted_text", "extraction", "extraction_note", "download_count", "status", "published_at",
    "created_at", "updated_at",
]  # fmt: skip


def vocabulary(language):
    """The topical words first, then 3,000 made-up ones: drawn with Zipf weights (1/rank), the
    topical words are common but not everywhere, as in a real library on one subject."""
    made_up = random.Random(language)
    syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "ve", "zo", "pri", "sto", "gel", "dan", "mor", "tis", "bu"]
    words = list(WORDS[language])
    seen = set(words)
    while len(words) < 3000 + len(WORDS[language]):
        word = "".join(made_up.choice(syllables) for _ in range(made_up.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words, list(itertools.accumulate(1 / (rank + 5) for rank in range(len(words))))


VOCABULARY = {language: vocabulary(language) for language in WORDS}


def words(rng, language, count):
    vocabulary, weights = VOCABULARY[language]
    return " ".join(rng.choices(vocabulary, cum_weights=weights, k=count))


def rows(count, rng, publishers, now):
    kinds = Kind.values
    languages = document_languages.DOCUMENT
    for n in range(count):
        title = {code: words(rng, code, rng.randint(3, 8)).capitalize() for code in WORDS}
        summary = {code: words(rng, code, rng.randint(15, 40)) for code in WORDS}
        authors = "; ".join(f"{rng.choice(FAMILY)}, {rng.choice(GIVEN)}" for _ in range(rng.randint(0, 3)))
        text = words(rng, rng.choice(list(WORDS)), rng.randint(100, 400)) if rng.random() < 0.3 else ""
        yield [
            title["en"], title["en"], title["fr"], title["de"], f"bench-{n}", rng.choice(kinds),
            summary["en"], summary["en"], summary["fr"], summary["de"], authors, rng.choice(publishers),
            rng.randint(1990, 2025), rng.sample(languages[:6], rng.randint(1, 2)), "",
            f"https://example.org/bench/{n}", "", text, "done" if text else "", "", 0,
            *(("published", now) if rng.random() > 0.02 else ("draft", None)), now, now,
        ]  # fmt: skip


def copy(cursor, table, columns, data):
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as target:
        for row in data:
            target.write_row(row)


def bench_publishers() -> list[int]:
    """The ids of 500 publishers named "Bench publisher N" (made once, kept by --clear)."""
    existing = set(Organisation.objects.filter(name__startswith="Bench publisher ").values_list("name", flat=True))
    Organisation.objects.bulk_create(
        [Organisation(name=f"Bench publisher {n}") for n in range(500) if f"Bench publisher {n}" not in existing]
    )
    return list(Organisation.objects.filter(name__startswith="Bench publisher ").values_list("pk", flat=True))


def link_resources(cursor, rng: random.Random, themes: list[int], cities: list[tuple[int, int]]) -> None:
    """One or two themes and up to two cities (with their countries) on each generated resource."""
    ids = [pk for (pk,) in cursor.execute("SELECT id FROM elibrary_resource WHERE slug LIKE 'bench-%'")]
    theme_links, city_links, country_links = [], [], []
    for pk in ids:
        for theme in rng.sample(themes, rng.randint(1, 2)):
            theme_links.append((pk, theme))
        chosen = rng.sample(cities, rng.randint(0, 2))
        city_links += [(pk, city) for city, _ in chosen]
        country_links += [(pk, country) for country in {country for _, country in chosen}]
    copy(cursor, "elibrary_resource_themes", ["resource_id", "theme_id"], theme_links)
    copy(cursor, "elibrary_resource_cities", ["resource_id", "city_id"], city_links)
    copy(cursor, "elibrary_resource_countries", ["resource_id", "country_id"], country_links)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=100_000)
    parser.add_argument("--clear", action="store_true", help="only remove the generated resources")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    with transaction.atomic():
        Resource.objects.filter(slug__startswith="bench-").delete()
        if args.clear:
            print("removed the generated resources")
            return
        publishers = bench_publishers()
        themes = list(Theme.objects.values_list("pk", flat=True))
        cities = list(City.objects.values_list("pk", "country_id"))
        if not themes or not cities:
            sys.exit("Load the demo first (manage.py load_demo): the generator links to its themes and cities.")
        now = timezone.now()
        with connection.cursor() as wrapper:
            cursor = wrapper.cursor
            # GIN indexes build much faster in one go than row by row: drop them, copy, build them again.
            indexes = cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'elibrary_resource' "
                "AND indexdef LIKE '%USING gin%'"
            ).fetchall()
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks to stop CREATE INDEX
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            copy(cursor, "elibrary_resource", COLUMNS, rows(args.resources, rng, publishers, now))
            for _name, definition in indexes:
                cursor.execute(definition)
            print(f"{args.resources} resources copied in {time.perf_counter() - started:.1f} s")
            link_resources(cursor, rng, themes, cities)
        versioning.bump()  # COPY sends no signal: cached library pages must count again
        db.analyze(Resource, Organisation)  # after the commit
    print(f"done in {time.perf_counter() - started:.1f} s: {Resource.objects.count()} resources in the library")


if __name__ == "__main__":
    main()
