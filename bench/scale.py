#!/usr/bin/env python
"""Cold times per page kind over HTTP: `bench/scale.py http://127.0.0.1:8101 [--each 12]`.

Run by bench/scale.sh against the large collection; works against any running portal whose database is
DATABASE_URL (the addresses are picked from it: slugs, cities, words the generators wrote). Each
address is asked for once, with words and filters no other address uses, so each is cold for that
address (what many addresses share, such as a card or the frame, stays as in production). The kinds
are interleaved so that a burst of load on a shared machine spreads over all of them. Prints the
median, fastest and slowest time to the last byte per kind, in milliseconds.
"""

import argparse
import random
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_ideas import RARE_WORDS  # sets Django up (DATABASE_URL) before the models below
from generate_ideas import WORDS as IDEA_WORDS
from generate_library import VOCABULARY

from elibrary.models import Resource
from goodideas.models import GoodIdea
from places.models import City, Region, Theme

LANGUAGES = ["en", "fr", "de"]


def _lang(number: int) -> str:
    return LANGUAGES[number % len(LANGUAGES)]


def _sample(rng, items, count):
    items = list(items)
    return rng.sample(items, min(count, len(items)))


def idea_addresses(rng, each) -> dict[str, list[str]]:
    themes = list(Theme.objects.values_list("slug", flat=True))
    regions = [value for value, _label in Region.choices]
    cities = list(City.objects.filter(ideas__isnull=False).distinct().values_list("slug", flat=True)[:2000])
    common = [(lang, word) for lang in LANGUAGES for word in IDEA_WORDS[lang]]
    facets = []
    for number in range(each):
        theme, region, city = rng.choice(themes), rng.choice(regions), rng.choice(cities)
        facets.append(
            [
                f"/{_lang(number)}/ideas/?theme={theme}&region={region}&year={2000 + number}",
                f"/{_lang(number)}/ideas/?city={city}",
                f"/{_lang(number)}/ideas/?q={rng.choice(IDEA_WORDS['en'])}&theme={theme}&running=yes&page=2",
            ][number % 3]
        )
    return {
        "ideas list": [f"/{_lang(n)}/ideas/?page={n + 2}" for n in range(each)],
        "ideas search, common word": [f"/{lang}/ideas/?q={word}" for lang, word in _sample(rng, common, each)],
        "ideas search, rare word": [f"/{_lang(n)}/ideas/?q={w}" for n, w in enumerate(_sample(rng, RARE_WORDS, each))],
        "ideas with facets": facets,
        "city page": [f"/{_lang(n)}/cities/{slug}/" for n, slug in enumerate(_sample(rng, cities, each))],
        "idea detail": [
            f"/{_lang(n)}/ideas/{slug}/"
            for n, slug in enumerate(_sample(rng, GoodIdea.objects.published().values_list("slug", flat=True), each))
        ],
    }


def library_addresses(rng, each) -> dict[str, list[str]]:
    words = []
    for number in range(each):
        vocabulary = VOCABULARY[_lang(number)][0]
        # common topical words (the head of the vocabulary), two-word searches, made-up rare words
        word = [vocabulary[number], f"{vocabulary[number + 20]}+{vocabulary[number + 40]}", vocabulary[-1 - number]]
        words.append(f"/{_lang(number)}/library/?q={word[number % 3]}")
    resources = Resource.objects.published().order_by("?").values_list("slug", flat=True)[:each]
    return {
        "library list": [f"/{_lang(n)}/library/?page={n * 37 + 2}" for n in range(each)],
        "library search": words,
        "resource detail": [f"/{_lang(n)}/library/{slug}/" for n, slug in enumerate(resources)],
    }


def search_addresses(rng, each) -> dict[str, list[str]]:
    common = _sample(rng, IDEA_WORDS["en"], each // 2)
    rare = _sample(rng, VOCABULARY["en"][0][-500:], each - len(common))
    return {"site search": [f"/{_lang(n)}/search/?q={word}" for n, word in enumerate(common + rare)]}


def fetch(base: str, address: str) -> tuple[float, int]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(base + urllib.parse.quote(address, safe="/?=&+"), timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return (time.perf_counter() - started) * 1000, status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the running portal, e.g. http://127.0.0.1:8101")
    parser.add_argument("--each", type=int, default=12, help="addresses per kind")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    kinds = {
        **idea_addresses(rng, args.each),
        **library_addresses(rng, args.each),
        **search_addresses(rng, args.each),
    }
    for _ in range(4):  # each worker imports and compiles its templates once: not what is measured
        for warm in ("/en/", "/en/about/", "/fr/privacy/"):
            fetch(args.base, warm)
    times = {kind: [] for kind in kinds}
    failures = []
    for position in range(args.each):
        for kind, addresses in kinds.items():
            if position < len(addresses):
                took, status = fetch(args.base, addresses[position])
                times[kind].append(took)
                if status != 200:
                    failures.append(f"{status} {addresses[position]}")
    print(f"{'page kind':28} {'n':>3} {'median':>8} {'fastest':>8} {'slowest':>8}   (ms, cold per address)")
    for kind, taken in times.items():
        if taken:
            print(f"{kind:28} {len(taken):3} {statistics.median(taken):8.0f} {min(taken):8.0f} {max(taken):8.0f}")
    print(f"{Resource.objects.published().count()} resources, {GoodIdea.objects.published().count()} ideas")
    for failure in failures:
        print("not 200:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
