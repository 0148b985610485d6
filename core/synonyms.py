"""Synonyms: the groups of words editors keep (core.SynonymGroup), as search applies them.

A search (core.search.query) asks `rules(text)` which groups the words typed belong to, in the page's
language and in English (content a French or German page shows may be English). Each rule is a term
of a group that the text seems to contain, with every term of its group; core.search then rewrites
the parsed query with PostgreSQL's ts_rewrite, so that the term becomes an OR of its group inside
websearch semantics ("-", "or" and quoted phrases keep their meaning), matched on stemmed words
("refugee" is "refugees").

Which terms the text contains is decided here loosely (accents folded, endings ignored): a term taken
in by mistake costs a no-op rewrite, never a wrong result, as ts_rewrite only rewrites what the parsed
query holds.

The groups are read once per content version (saving a group moves it on) and kept in the cache.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.core.cache import cache

from core import localised
from core.demo import read, save
from core.versioning import content_version

# Words in a term at most (longer terms are never matched), and rules in one query at most.
MAX_TERM_WORDS = 5
MAX_RULES = 8
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Rule:
    term: str  # the term of the group found in the text, as the editor wrote it
    group: tuple[str, ...]  # every term of its group


def fold(text: str) -> list[str]:
    """The words of `text`, lower case, accents folded (close to com_unaccent, enough to compare)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch if ch.isalnum() else " " for ch in plain).split()


def _alike(typed: str, known: str) -> bool:
    """Whether two folded words may be forms of one word (refugee, refugees; Flüchtling, Flüchtlinge)."""
    if typed == known:
        return True
    shorter = min(len(typed), len(known))
    if shorter < 4 or abs(len(typed) - len(known)) > 4:
        return False
    common = max(4, shorter - 2)
    return typed[:common] == known[:common]


def groups() -> dict[str, list[tuple[str, ...]]]:
    """{language: [terms of each group]}, as of the current content version."""
    key = f"synonyms:{content_version()}"
    found = cache.get(key)
    if found is None:
        from core.models import SynonymGroup

        found = {}
        for group in SynonymGroup.objects.order_by("language", "pk"):
            terms = tuple(group.term_list())
            if len(terms) > 1:
                found.setdefault(group.language, []).append(terms)
        cache.set(key, found, CACHE_SECONDS)
    return found


def vocabulary() -> list[str]:
    """Every word of the groups' terms (all languages), lower case, of 4 to 40 letters: "did you mean" may
    propose them even when no content holds them (Flüchtlinge, found through Geflüchtete)."""
    return sorted(
        {
            word
            for by_language in groups().values()
            for terms in by_language
            for term in terms
            for word in re.findall(r"[^\W\d_]+", term.lower())
            if 4 <= len(word) <= 40
        }
    )


def _contains(words: list[str], term_words: list[str]) -> bool:
    size = len(term_words)
    if not size or size > MAX_TERM_WORDS:
        return False
    return any(
        all(_alike(typed, known) for typed, known in zip(words[start : start + size], term_words, strict=True))
        for start in range(len(words) - size + 1)
    )


def rules(text: str, language: str | None = None) -> list[Rule]:
    """The terms of the groups (of the page's language, and English) that `text` seems to contain."""
    words = fold(text)
    if not words:
        return []
    language = language or localised.page_language()
    by_language = groups()
    found = []
    for code in dict.fromkeys([language, "en"]):
        for terms in by_language.get(code, []):
            found += [Rule(term, terms) for term in terms if _contains(words, fold(term))]
    return found[:MAX_RULES]


def load_demo() -> str:
    """The starting set of synonyms (core/demo/synonyms.json): loading twice changes nothing."""
    from core.models import SynonymGroup

    count = 0
    for language, lists in read(__file__, "synonyms.json").items():
        for terms in lists:
            save(SynonymGroup, {"language": language, "terms": ", ".join(terms)})
            count += 1
    return f"{count} groups of synonyms"
