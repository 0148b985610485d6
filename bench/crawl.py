"""Print up to LIMIT distinct public addresses of the running portal, found from its own links.

usage: python bench/crawl.py BASE_URL [LIMIT]   (stdlib only; used by bench/mix.sh)

Starts at the home page and the lists in English, French and German, follows the links it finds on
the same host (lists with their facet values and pages, detail pages, themes, cities), and adds
searches made of words from the link texts it saw (one, two and three words) in each language: a sixth
of the addresses. Leaves out what is not a public page: the admin, accounts, forms (proposals,
questions, registrations, alerts), feeds, exports, downloads, calendars.
"""

import random
import sys
import urllib.parse
import urllib.request
from html.parser import HTMLParser

SKIP = (
    "/admin/",
    "/accounts/",
    "/feed/",
    "/export",
    "/download/",
    ".ics",
    "/submit/",
    "/preview/",
    "/ask/",
    "/newsletter/",
    "/register/",
    "/cancel/",
    "/posts/",
    "/follow/",
    "/alerts/",  # the "e-mail me" forms, one per list address: a form, not content (as /follow/, /ask/)
    "/unsubscribe/",
    "/media/",
    "/static/",
)
LISTS = ("", "ideas/", "cities/", "library/", "webinars/", "events/", "conversations/", "news/", "community/")
LANGUAGES = ("en", "fr", "de")
SEARCH_SHARE = 6


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.words, self._in_a = [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._in_a = True
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag == "a":
            self._in_a = False

    def handle_data(self, data):
        if self._in_a:
            self.words += [word.lower() for word in data.split() if word.isalpha() and len(word) > 3]


def crawl(base: str, limit: int) -> list[str]:
    host = urllib.parse.urlsplit(base).netloc
    waiting = [f"/{language}/{path}" for language in LANGUAGES for path in LISTS]
    seen, found, words = set(waiting), [], set()
    # A sixth of the mix at least is searches of one to three words (the pages' links alone would fill it).
    while waiting and len(found) < limit - limit // SEARCH_SHARE:
        path = waiting.pop(0)
        try:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                if response.status != 200 or "html" not in response.headers.get("Content-Type", ""):
                    continue
                page = response.read().decode("utf-8", "replace")
        except OSError:
            continue
        found.append(path)
        parser = Links()
        parser.feed(page)
        words.update(parser.words)
        for href in parser.links:
            parts = urllib.parse.urlsplit(urllib.parse.urljoin(base + path, href))
            if parts.netloc != host or any(skip in parts.path for skip in SKIP):
                continue
            address = parts.path + (f"?{parts.query}" if parts.query else "")
            if address not in seen and address.split("/")[1:2] and address.split("/")[1] in LANGUAGES:
                seen.add(address)
                waiting.append(address)
    rng = random.Random(1)
    words = sorted(words)
    searches = ("search/", "ideas/", "library/")
    while words and len(found) < limit:
        query = urllib.parse.quote_plus(" ".join(rng.sample(words, rng.randint(1, 3))))
        address = f"/{rng.choice(LANGUAGES)}/{rng.choice(searches)}?q={query}"
        if address not in seen:
            seen.add(address)
            found.append(address)
    return found


if __name__ == "__main__":
    for address in crawl(sys.argv[1].rstrip("/"), int(sys.argv[2]) if len(sys.argv) > 2 else 1200):
        print(address)
