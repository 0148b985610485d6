"""The vocabulary of "did you mean": the words of every public title and summary, and the nearest of them.

Built from the search sources the apps registered (core.registry): the same content site search
finds. `manage.py refresh_search_terms` (and load_demo) rebuild it.
"""

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Concat

from core import db, registry, search, synonyms
from core.models import SearchTerm

# How alike a typed word and a known word must be (pg_trgm word similarity).
SUGGESTION_THRESHOLD = 0.4


def suggest(text: str) -> str | None:
    """The query with each unknown word replaced by the nearest word the portal knows, if any: the words of
    its content and of the synonyms' terms (core.synonyms.vocabulary()). Whether the result finds something
    is the caller's check (core.lists.views.correction). One query, however many words are unknown."""
    words = search.clean_query(text).split()[:6]
    extra = synonyms.vocabulary()
    # Words of fewer than four letters, figures and the synonyms' own words are kept as typed.
    unknown = sorted(
        {word.lower() for word in words if len(word) >= 4 and any(ch.isalpha() for ch in word)} - set(extra)
    )
    if not unknown:
        return None
    nearest = _nearest(unknown, extra)
    suggestion = [nearest.get(word.lower(), word) for word in words]
    return " ".join(suggestion) if suggestion != words else None


# For each word the content does not hold, the nearest known word (pg_trgm similarity at least the
# threshold): of the ten the trigram GiST index finds nearest (an index scan, where the % operator made
# PostgreSQL compare the word with every known word: 4-6 ms a word at 2,500 words), the most alike, then
# the most frequent; a synonym's word only where it is more alike still.
_NEAREST_SQL = """
SELECT w.word, (
  SELECT c.term FROM (
    SELECT n.term, similarity(n.term, w.word) AS alike, 0 AS source, n.frequency
      FROM (SELECT t.word::text AS term, t.frequency FROM {table} AS t ORDER BY t.word <-> w.word LIMIT 10) AS n
    UNION ALL
    SELECT e.term, similarity(e.term, w.word), 1, 0 FROM unnest(%s::text[]) AS e(term)
  ) AS c WHERE c.alike >= %s ORDER BY c.alike DESC, c.source, c.frequency DESC, c.term LIMIT 1)
FROM unnest(%s::varchar[]) AS w(word)
WHERE NOT EXISTS (SELECT 1 FROM {table} AS known WHERE known.word = w.word)
"""


def _nearest(words: list[str], extra: list[str]) -> dict[str, str]:
    """{word: the known word nearest to it} for those of `words` the content does not hold and that are
    like a known word (of the content's vocabulary or of `extra`)."""
    sql = _NEAREST_SQL.format(table=connection.ops.quote_name(SearchTerm._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, [extra, SUGGESTION_THRESHOLD, words])
        return {word: nearest for word, nearest in cursor.fetchall() if nearest}


def _text_columns(source: registry.SearchSource) -> list[str]:
    names = [name for name in (source.title_field, source.snippet_field) if name]
    if not source.translated:
        return names
    return [f"{name}_{code}" for name in names for code, _name in settings.LANGUAGES]


@transaction.atomic
def refresh_terms() -> int:
    """Rebuild the vocabulary of "did you mean" from the titles and summaries the public can see."""
    selects, params = [], []
    for source in registry.search_sources().values():
        words = [Coalesce(F(name), Value(""), output_field=models.TextField()) for name in _text_columns(source)]
        spaced = [part for word in words for part in (word, Value(" "))]
        queryset = source.queryset().order_by().annotate(hit_text=Concat(*spaced, output_field=models.TextField()))
        sql, sql_params = queryset.values("hit_text").query.sql_with_params()
        selects.append(f"({sql})")
        params.extend(sql_params)
    table = SearchTerm._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(
            f"""
            INSERT INTO {table} (word, frequency)
            SELECT word, count(*) FROM (
                SELECT lower(regexp_split_to_table(hit_text, '[^[:alpha:]]+')) AS word
                FROM ({" UNION ALL ".join(selects)}) AS texts
            ) AS words
            WHERE length(word) BETWEEN 4 AND 40
            GROUP BY word
            """,
            params,
        )
        written = cursor.rowcount
    db.analyze(SearchTerm)  # the planner's statistics of the table just rewritten (after the commit)
    return written
