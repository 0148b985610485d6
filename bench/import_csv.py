#!/usr/bin/env python
"""Time the E-Library CSV import through its background job: `bench/import_csv.py [--rows 100000]`.

usage: DATABASE_URL=... .venv/bin/python bench/import_csv.py --rows 100000 [--batch 500] [--again] [--keep]

Writes a CSV of generated rows (bench/generate_library.py's vocabulary: titles and summaries in three
languages, authors, 500 publishers, one or two of the demo's themes, up to two cities with their countries,
one to three tags), queues it as the admin's import page does, and runs a procrastinate worker in this
process until the queue is empty. Prints rows per second for the first import (creates) and, with
--again, for the same file imported a second time (updates). The rows' slugs start "csvbench-"; they are
removed at the start and, without --keep, at the end. Needs the demo (manage.py load_demo) for its
themes and cities. The numbers mean something only on a quiet machine.
"""

import argparse
import csv
import io
import random
import time

import generate_library  # sets Django up (and its vocabulary)
from django.db import connection
from django.utils import timezone
from procrastinate.contrib.django import app

from core import languages as document_languages
from elibrary import tasks
from elibrary.importer import BATCH_ROWS, COLUMNS
from elibrary.models import ImportRun, Kind, Resource
from places.models import City, Tag, Theme

TAGS = ["mentoring", "jobs", "housing", "language", "youth", "women", "health", "schools", "libraries", "sport"]


def csv_text(count: int, rng: random.Random) -> str:
    themes = list(Theme.objects.values_list("slug", flat=True))
    cities = list(City.objects.values_list("slug", "country__code"))
    if not themes or not cities:
        raise SystemExit("Load the demo first (manage.py load_demo): the rows name its themes and cities.")
    words = generate_library.words
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for n in range(count):
        chosen = rng.sample(cities, rng.randint(0, 2))
        row = {
            "slug": f"csvbench-{n}",
            **{f"title_{code}": words(rng, code, rng.randint(3, 8)).capitalize() for code in ("en", "fr", "de")},
            **{f"summary_{code}": words(rng, code, rng.randint(15, 40)) for code in ("en", "fr", "de")},
            "kind": rng.choice(Kind.values),
            "authors": "; ".join(
                f"{rng.choice(generate_library.FAMILY)}, {rng.choice(generate_library.GIVEN)}"
                for _ in range(rng.randint(0, 3))
            ),
            "publisher": f"Bench publisher {rng.randrange(500)}",
            "year": str(rng.randint(1990, 2025)),
            "date": "",
            "languages": ";".join(rng.sample(document_languages.DOCUMENT[:6], rng.randint(1, 2))),
            "url": f"https://example.org/csvbench/{n}",
            "file": "",
            "themes": ";".join(rng.sample(themes, rng.randint(1, 2))),
            "cities": ";".join(slug for slug, _code in chosen),
            "countries": ";".join(sorted({code for _slug, code in chosen})),
            "tags": ";".join(rng.sample(TAGS, rng.randint(1, 3))),
            "ideas": "",
            "published": "yes" if rng.random() > 0.02 else "no",
        }
        writer.writerow([row[column] for column in COLUMNS])
    return out.getvalue()


def clear() -> None:
    started = time.perf_counter()
    deleted, _ = Resource.objects.filter(slug__startswith="csvbench-").delete()
    if deleted:
        print(f"removed earlier bench rows in {time.perf_counter() - started:.1f} s")


def run_worker() -> None:
    with app.replace_connector(app.connector.get_worker_connector()) as worker_app:
        worker_app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)


def timed_import(text: str, label: str) -> None:
    run = ImportRun.objects.create(file_name=f"bench-{label}.csv", csv_text=text)
    tasks.queue_import(run)
    started = time.perf_counter()
    run_worker()
    seconds = time.perf_counter() - started
    run.refresh_from_db()
    print(
        f"{label}: {run.rows_done} rows in {seconds:.1f} s = {run.rows_done / seconds:.0f} rows/s "
        f"(status {run.status}; {run.created} created, {run.updated} updated, {run.skipped_count} skipped)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=BATCH_ROWS, help=f"rows per batch (default {BATCH_ROWS})")
    parser.add_argument("--again", action="store_true", help="import the same file a second time (updates)")
    parser.add_argument("--keep", action="store_true", help="keep the imported rows")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    import elibrary.importer

    elibrary.importer.BATCH_ROWS = args.batch
    clear()
    started = time.perf_counter()
    text = csv_text(args.rows, random.Random(args.seed))
    print(f"{args.rows} rows written ({len(text) / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM elibrary_resource")
        print(f"resources before: {cursor.fetchone()[0]}; tags: {Tag.objects.count()}; at {timezone.now():%H:%M}")
    timed_import(text, "import")
    if args.again:
        timed_import(text, "again")
    if not args.keep:
        clear()


if __name__ == "__main__":
    main()
