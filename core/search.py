"""The portal's full-text search, shared by Good Ideas, the E-Library, webinars and site search.

How it works (README.md, "Search"):

- Each searchable model stores a *search document*: a tsvector column built by PostgreSQL itself
  (a stored generated column, see `document()`), GIN-indexed. Translated fields go in once per
  language, each stemmed by that language's dictionary (english, french, german); other fields go
  in unstemmed ("simple"). Everything is folded to unaccented lower case first (`com_unaccent`).
- A query (`query()`) is parsed the same four ways and OR-ed, so "réfugiés", "refugies",
  "Flüchtlinge" and "refugees" each find the documents written in their language, whatever
  language the page is in.
- Synonyms editors keep (core.SynonymGroup, core.synonyms) widen it: "mentorship" finds "mentoring".
- Weights order the fields: A (titles) above B (teasers, summaries) above C (bodies) above D
  (long texts such as transcripts and document contents). Ranking is ts_rank over the document with
  these weights, the same in every search box (ts_rank_cd, which also weighs how close the words
  are, costs about twice as much per match: that counts when a word matches thousands of documents).
"""

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import F, Func, Value, sql
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core import localised, synonyms
from core.versioning import content_version

# PostgreSQL text search configuration for each of the portal's languages.
CONFIGS = {"en": "english", "fr": "french", "de": "german"}
# Queries longer than this are cut: nobody types more, and it bounds the work per query.
MAX_QUERY_LENGTH = 200
# ts_rank weights for D, C, B, A.
WEIGHTS = [0.1, 0.2, 0.4, 1.0]
# Snippets: ts_headline marks matches with characters that cannot occur in text, so that the
# snippet can be escaped first and the markers turned into <mark> after (`marked()`).
HIGHLIGHT_START, HIGHLIGHT_STOP = "\x02", "\x03"
HIGHLIGHT = {"start_sel": HIGHLIGHT_START, "stop_sel": HIGHLIGHT_STOP}
# An extract's passages: about 35 words each.
PASSAGE = {"max_words": 35, "min_words": 15}
# How long a parsed query is kept (query()); its key has the content version, so never stale.
QUERY_CACHE_SECONDS = 3600
# Every search box ranks at most this many of its matches, the newest (core.lists.counts.Ranked; site
# search: of each kind); the others follow them, newest first. A word found in most of 10,000 ideas or
# 100,000 resources would otherwise have each search rank them all (ranking reads each match's whole
# search document); past a thousand matches, people narrow the search rather than read on.
CANDIDATES = 1000


@contextmanager
def matched_by_index():
    """The queries run inside find the rows holding the words through the search document's GIN index.

    PostgreSQL costs a scan of every row without counting what it takes to read each row's document out
    of its TOAST storage, so for a word most rows hold it prefers that scan to the index: a word in
    nearly all of 10,000 ideas took 45–53 ms to match that way against 15–18 ms through the index, and
    one in 84,000 of 100,000 resources 440 ms against 190 ms. Sequential scans are turned off for these
    queries alone: SET LOCAL, in a transaction of their own, which ends with them; inside one already open
    (no savepoint: two more statements), it is put back as it was after them, and a failure aborts that
    transaction, whose rollback puts it back.
    """
    nested = connection.in_atomic_block
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
        (before, _off) = cursor.fetchone()
        yield
        if nested:
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])


class Unaccent(Func):
    """com_unaccent(text): the project's IMMUTABLE accent folding (migration core/0001)."""

    function = "com_unaccent"
    output_field = models.TextField()


@dataclass(frozen=True)
class Field:
    """A field of a search document: its name, weight (A–D), and whether it is translated."""

    name: str
    weight: str = "C"
    translated: bool = True
    config: str = "simple"  # for untranslated fields


def document(*fields: Field) -> SearchVector:
    """The expression of a search document, for a stored `GeneratedField` (see `DocumentField`)."""
    vectors = []
    for field in fields:
        if field.translated:
            for code, _name in settings.LANGUAGES:
                vectors.append(
                    SearchVector(Unaccent(F(f"{field.name}_{code}")), config=CONFIGS[code], weight=field.weight)
                )
        else:
            vectors.append(SearchVector(Unaccent(F(field.name)), config=field.config, weight=field.weight))
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def DocumentField(*fields: Field) -> models.GeneratedField:
    """A stored, generated tsvector column: PostgreSQL keeps it current on every write."""
    return models.GeneratedField(expression=document(*fields), output_field=SearchVectorField(), db_persist=True)


def clean_query(text: str | None) -> str:
    """The query as typed, made safe to search for: no control characters, bounded length."""
    if not text:
        return ""
    text = "".join(ch if ch.isprintable() else " " for ch in str(text))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


class Rewritten(SearchQuery):
    """ts_rewrite(query, target, substitute): `query` with each occurrence of `target` replaced."""

    function = "ts_rewrite"

    def __init__(self, parsed, target, substitute):
        self.config, self.invert = None, False
        Func.__init__(self, parsed, target, substitute, output_field=SearchQuery.output_field)


def _websearch(text: str, config: str) -> SearchQuery:
    return SearchQuery(Unaccent(Value(text)), config=config, search_type="websearch")


def _with_synonyms(parsed: SearchQuery, config: str, rules) -> SearchQuery:
    """`parsed` with each term of `rules` replaced by the OR of its group (phrases as phrases)."""
    for rule in rules:
        substitute = _websearch(f'"{rule.group[0]}"', config)
        for term in rule.group[1:]:
            substitute = substitute | _websearch(f'"{term}"', config)
        parsed = Rewritten(parsed, _websearch(rule.term, config), substitute)
        if " " in rule.term:  # typed as a quoted phrase too
            parsed = Rewritten(parsed, _websearch(f'"{rule.term}"', config), substitute)
    return parsed


class Parsed(SearchQuery):
    """A tsquery PostgreSQL has already parsed, given back as its text: one `%s::tsquery` parameter."""

    def __init__(self, tsquery: str):
        self.tsquery, self.config, self.invert = tsquery, None, False
        Func.__init__(self, output_field=SearchQuery.output_field)

    def as_sql(self, compiler, connection, **extra_context):
        return "%s::tsquery", [self.tsquery]


def _parse(*expressions) -> list[str]:
    """The tsqueries of `expressions`, as text, computed by PostgreSQL in one query."""
    holder = sql.Query(None)
    compiler = holder.get_compiler(connection=connection)
    selects, params = [], []
    for expression in expressions:
        text, expression_params = compiler.compile(expression.resolve_expression(holder))
        selects.append(f"({text})::text")
        params += expression_params
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(selects)}", params)
        return list(cursor.fetchone())


def query(text: str) -> SearchQuery:
    """The query `text` read as English, French, German and as plain words, OR-ed together.

    Each word or phrase of it that belongs to a group of synonyms (core.synonyms, of the page's
    language and English) is read as an OR of its group; the query as typed is then kept as `exact`,
    for rank() to put the rows that hold the words typed first.

    PostgreSQL parses it once (one small query, then kept in the cache for the content version, which
    moves with the synonyms, and the language): the queries that use it get it as one parameter,
    instead of an expression of some 30 functions that Django would build and compile for each.
    """
    key = f"tsquery:{content_version()}:{localised.page_language()}:{hashlib.sha256(text.encode()).hexdigest()}"
    parsed = cache.get(key)
    if parsed is None:
        built = _built(text)
        parsed = _parse(*built)
        cache.set(key, parsed, QUERY_CACHE_SECONDS)
    combined = Parsed(parsed[0])
    if len(parsed) > 1:
        combined.exact = Parsed(parsed[1])
    return combined


def _built(text: str) -> list[SearchQuery]:
    """The expressions of query(): the words as PostgreSQL should read them, with synonyms, then as typed."""
    rules = synonyms.rules(text)
    combined = exact = None
    for config in ("simple", *CONFIGS.values()):
        parsed = _websearch(text, config)
        exact = parsed if exact is None else exact | parsed
        parsed = _with_synonyms(parsed, config, rules)
        combined = parsed if combined is None else combined | parsed
    return [combined, exact] if rules else [combined]


def marked(headline: str | None) -> str:
    """A ts_headline made with HIGHLIGHT: its text escaped, its matches in <mark>."""
    return mark_safe(escape(headline or "").replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>"))


def rank(search_query: SearchQuery, column: str = "search_document"):
    """ts_rank of the rows for `search_query`; with synonyms, plus the rank for the words as typed."""
    ranked = SearchRank(F(column), search_query, weights=WEIGHTS)
    exact = getattr(search_query, "exact", None)
    return ranked if exact is None else ranked + SearchRank(F(column), exact, weights=WEIGHTS)


def headline(expression, text: str, *, fragments: int = 2, whole: bool = False) -> SearchHeadline:
    """A highlighted extract of `expression` around the words of `text` (its matches marked: see marked()).

    Up to `fragments` passages of about 35 words (0: one passage); `whole`: the whole text, for short
    texts a list shows in full (a teaser). Extracts show the text as written, accents and all: the
    words are matched as typed too.
    """
    config = CONFIGS[localised.page_language()]
    highlight_query = query(text) | SearchQuery(text, config=config, search_type="websearch")
    if whole:
        return SearchHeadline(expression, highlight_query, config=config, highlight_all=True, **HIGHLIGHT)
    return SearchHeadline(expression, highlight_query, config=config, **PASSAGE, max_fragments=fragments, **HIGHLIGHT)


def headline_sql(expression_sql: str) -> str:
    """headline() as SQL text, for a query written by hand: the extract of `expression_sql` (such as
    localised.sql() gives). Its parameters, which depend on the words: headline_params()."""
    return f"ts_headline(%s::regconfig, {expression_sql}, (%s::tsquery || websearch_to_tsquery(%s::regconfig, %s)), %s)"


def headline_params(text: str, *, fragments: int = 2) -> list:
    """The parameters of headline_sql() for the words `text`: the same extract as headline()'s."""
    config = CONFIGS[localised.page_language()]
    options = connection.ops.compose_sql(
        "StartSel=%s, StopSel=%s, MaxWords=%s, MinWords=%s, MaxFragments=%s",
        [HIGHLIGHT_START, HIGHLIGHT_STOP, PASSAGE["max_words"], PASSAGE["min_words"], fragments],
    )
    return [config, query(text).tsquery, config, text, options]


def headlines(text: str, expressions, *, whole: bool = False) -> dict[str, SearchHeadline]:
    """Annotations `snippet_0`, `snippet_1` … of a highlighted extract of each expression, for best_headline()."""
    return {f"snippet_{n}": headline(expression, text, whole=whole) for n, expression in enumerate(expressions)}


def best_headline(obj, count: int) -> str | None:
    """The first of the `count` extracts annotated by headlines() that holds a match, marked; else None."""
    for position in range(count):
        candidate = getattr(obj, f"snippet_{position}", None)
        if candidate and HIGHLIGHT_START in candidate:
            return marked(candidate)
    return None


class SearchQuerySet(models.QuerySet):
    """Mixed into a model's QuerySet to give it `.search(text)`."""

    search_column = "search_document"

    def search(self, text: str):
        """Rows whose search document matches `text`, annotated with `rank`. Empty text: no filter."""
        text = clean_query(text)
        if not text:
            return self
        search_query = query(text)
        return self.filter(**{self.search_column: search_query}).annotate(rank=rank(search_query, self.search_column))
