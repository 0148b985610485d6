#!/usr/bin/env python
"""In-process timings of the Good Ideas pages: `bench/time_ideas.py [--runs 15]`.

Uses Django's test Client against the configured database (DATABASE_URL), debug off: no server,
no network, so the numbers are the view, queries and templates alone. Prints, for each page, the
median and the slowest of N runs after one warm-up, and the number of SQL queries. Target: under
50 ms for the list with a filter and with a search at 10,000 ideas (bench/generate_ideas.py).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citiesofmigration.settings")
os.environ["DJANGO_DEBUG"] = "false"

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from goodideas.models import GoodIdea  # noqa: E402
from places.models import City  # noqa: E402


def pages():
    idea = GoodIdea.objects.published().order_by("-published_at").first()
    city = City.objects.order_by("-pk").first()
    listed = [
        ("list", "/en/ideas/"),
        ("list, filter theme+region", "/en/ideas/?theme=work&region=europe"),
        ("list, filter 2 themes+year+running", "/fr/ideas/?theme=learn&theme=connect&year=2010&running=yes"),
        ("list, search, selective word", "/en/ideas/?q=kalomi"),
        ("list, search, selective + filter", "/fr/ideas/?q=suteka&theme=learn"),
        ("list, search, word in every idea", "/en/ideas/?q=refugees"),
        ("list, search (fr), every idea + filter", "/fr/ideas/?q=bibliothèque&theme=learn"),
        ("theme", "/en/themes/work/"),
        ("cities", "/en/cities/"),
    ]
    if city:
        listed.append(("city", f"/en/cities/{city.slug}/"))
    if idea:
        listed.append(("detail", f"/en/ideas/{idea.slug}/"))
    return listed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-cache", action="store_true", help="count the filters afresh on every request")
    args = parser.parse_args()
    if args.no_cache:
        settings.LIST_COUNTS_CACHE_SECONDS = 0
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(ALLOWED_HOSTS=["testserver"], STORAGES=storages, DEBUG=False, SERVE_MEDIA=False):
        client = Client()
        print(
            f"{GoodIdea.objects.published().count()} published ideas, {City.objects.count()} cities; "
            f"{args.runs} runs; facet cache {'off' if args.no_cache else 'on'}; load {os.getloadavg()[0]:.1f}"
        )
        print(f"{'page':40} {'median ms':>10} {'max ms':>8} {'queries':>8}")
        for name, url in pages():
            response = client.get(url)  # warm-up
            assert response.status_code == 200, (url, response.status_code)
            timings = []
            for _ in range(args.runs):
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            print(f"{name:40} {statistics.median(timings):10.1f} {max(timings):8.1f} {len(queries):8d}")


if __name__ == "__main__":
    main()
