#!/usr/bin/env python
"""In-process timings of site search (/<lang>/search/): median and worst of N runs per query.

usage: DATABASE_URL=... .venv/bin/python bench/time_search.py [--runs 20]
Load the bench data first (bench/generate_ideas.py, bench/generate_library.py) for numbers at scale.
Target (issue 8): under 100 ms per search over 10,000 ideas and 100,000 resources.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citiesofmigration.settings")
os.environ.setdefault("DJANGO_DEBUG", "false")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

QUERIES = [
    ("en", "refugees"),
    ("fr", "intégration des réfugiés"),
    ("de", "Bibliothek"),
    ("en", "housing newcomers"),
    ("en", "libary"),  # a typo: no results, "did you mean"
    ("en", "refugees&type=ideas"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    # Time the views, not collectstatic: plain static URLs as in the tests.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client()
    from django.db import connection

    from portal import sitesearch

    with connection.cursor() as cursor:  # fresh planner statistics after the bench data was loaded
        cursor.execute("ANALYZE")

    sizes = {key: source.queryset().count() for key, source in sitesearch.sources().items()}
    print("collection:", ", ".join(f"{key} {n:,}" for key, n in sizes.items()), flush=True)
    for language, query in QUERIES:
        url = f"/{language}/search/?q={query}"
        client.get(url)  # warm up
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{url:45} median {statistics.median(times):7.1f} ms   worst {max(times):7.1f} ms")


if __name__ == "__main__":
    main()
