"""In-process timings of the library page's work: search + two facets, counts, one page, snippets.

usage: DATABASE_URL=... .venv/bin/python bench/time_library.py [--repeat 5]
(after bench/generate_library.py --resources 100000). Prints the median of each step in ms.
Target: a search with two facets under 100 ms.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citiesofmigration.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402

# Render templates without collectstatic's manifest.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402

from elibrary.filters import LibrarySearch  # noqa: E402
from elibrary.models import Resource  # noqa: E402
from elibrary.views import LibraryView  # noqa: E402

CASES = {
    "search + 2 facets": {"q": "refugees housing", "theme": "live", "kind": "research-report"},
    "search, common word": {"q": "integration"},
    "search, rare word (document text)": {"q": "volunteers dialogue"},
    "2 facets, no search": {"theme": "work", "language": "fr"},
    "typo (trigram fallback)": {"q": "refgees hosuing"},
    "everything, newest first": {},
}


def timed(function, repeat, cold=True):
    times = []
    for _ in range(repeat):
        if cold:
            cache.clear()  # facet counts are cached for 5 minutes: measure the work, not the cache
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def steps(values):
    library = LibrarySearch(values)

    def results():
        # What the view does: one query for total + facets + page ids (cold), then the page's rows.
        cache.clear()
        library.fuzzy = False
        library.facets(1, 20)
        if library.text and library.total == 0:
            library.use_fuzzy()
            library.facets(1, 20)
        return library.page()

    def all_facets():
        cache.clear()
        return library.facets(1, 20)

    def headlines():
        return library.headlines(rows)

    rows = results()
    return library, results, all_facets, headlines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    translation.activate("en")
    print(f"{Resource.objects.count()} resources; median of {args.repeat} runs, in ms")
    print(
        f"{'case':36} {'query+page':>10} {'facets':>8} {'snippets':>9} {'view, cold':>11} {'view, warm':>11}"
        f" {'queries':>8}"
    )
    factory = RequestFactory()
    view = LibraryView.as_view()
    for name, values in CASES.items():
        _library, results, facets, headlines = steps(values)
        request = factory.get("/en/library/", values)
        request.user = AnonymousUser()

        def whole(request=request):
            view(request).render()

        with CaptureQueriesContext(connection) as queries:
            whole()
        print(
            f"{name:36} {timed(results, args.repeat):10.1f} {timed(facets, args.repeat):8.1f} "
            f"{timed(headlines, args.repeat):9.1f} {timed(whole, args.repeat):11.1f}"
            f" {timed(whole, args.repeat, cold=False):11.1f} {len(queries):8d}"
        )


if __name__ == "__main__":
    main()
