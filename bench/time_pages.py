#!/usr/bin/env python
"""In-process time of the public pages (Django test client, median of 15 runs, debug off).

Where the time goes when bench/ratios.sh reports a low ratio: the database part of each page is
1-5 ms, so what this prints beyond that is Python (ORM, templates).
usage: DATABASE_URL=... .venv/bin/python bench/time_pages.py   (after `manage.py load_demo`)
"""

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

PAGES = [
    "/en/",
    "/de/ideas/",
    "/en/ideas/multaqa-museums-welcome-refugees/",
    "/en/library/",
    "/de/webinars/",
    "/en/events/",
    "/fr/conversations/",
    "/en/news/",
    "/de/community/",
    "/en/search/?q=refugees",
]


def main():
    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client()
    for url in PAGES:
        response = client.get(url)
        if response.status_code != 200:
            print(f"{url:50} answered {response.status_code}")
            continue
        times = []
        for _ in range(15):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{url:50} {statistics.median(times):6.1f} ms")


if __name__ == "__main__":
    main()
