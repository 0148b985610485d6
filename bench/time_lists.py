#!/usr/bin/env python
"""In-process timings of every filtered list: `bench/time_lists.py [--runs 7] [--only ideas]`.

Uses Django's test Client against the configured database (DATABASE_URL), debug off: no server, no
network, so the numbers are the view, its queries and its template. For each address: the median of
N requests with the cache emptied before each ("cold": the lists' cached counts are computed again),
the median of N requests on a warm cache, and the number of SQL queries of a cold request.
Load the bench data first (bench/generate_ideas.py --ideas 10000 --cities 500,
bench/generate_library.py --resources 100000) for numbers at scale.
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
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

PAGES = {
    "ideas": [
        "/en/ideas/",
        "/en/ideas/?theme=work&region=europe",
        "/fr/ideas/?theme=learn&theme=connect&year=2010&running=yes",
        "/en/ideas/?q=refugees",
        "/fr/ideas/?q=bibliothèque&theme=learn",
        "/en/ideas/?sort=title&page=7",
    ],
    "library": [
        "/en/library/",
        "/en/library/?theme=work&language=fr",
        "/en/library/?q=refugees+housing&theme=live&kind=research-report",
        "/en/library/?q=integration",
        "/en/library/?q=volunteers+dialogue",
        "/en/library/?q=refgees+hosuing",
        "/fr/library/?sort=title&page=40",
    ],
    "webinars": ["/en/webinars/", "/en/webinars/?q=cities", "/en/webinars/?theme=work"],
    "events": ["/en/events/"],
    "news": ["/en/news/", "/en/news/?theme=work", "/en/news/?q=refugees"],
    "community": ["/en/community/", "/en/community/?q=housing"],
    "search": ["/en/search/?q=refugees", "/fr/search/?q=intégration+des+réfugiés", "/en/search/?q=libary"],
}


def timed(client, url, runs, cold):
    times = []
    for _ in range(runs):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", nargs="*", choices=list(PAGES), default=list(PAGES))
    args = parser.parse_args()
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(ALLOWED_HOSTS=["testserver"], STORAGES=storages, DEBUG=False, SERVE_MEDIA=False):
        client = Client()
        print(f"median of {args.runs} requests, ms; load {os.getloadavg()[0]:.1f}")
        print(f"{'address':66} {'cold':>7} {'warm':>7} {'queries':>8}")
        for name in args.only:
            for url in PAGES[name]:
                client.get(url)  # warm-up (connections, templates, content types)
                cold = timed(client, url, args.runs, cold=True)
                warm = timed(client, url, args.runs, cold=False)
                cache.clear()
                with CaptureQueriesContext(connection) as queries:
                    client.get(url)
                print(f"{url:66} {cold:7.1f} {warm:7.1f} {len(queries):8d}", flush=True)


if __name__ == "__main__":
    main()
