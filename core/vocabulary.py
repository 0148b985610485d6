"""The vocabulary of "did you mean": the words of every public title and summary, and the nearest of them.

Built from the search sources the apps registered (core.registry): the same content site search
finds. `manage.py refresh_search_terms` (and load_demo) rebuild it.
"""

from django.conf import settings
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, models, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Concat

from core import registry, search, synonyms
from core.models import SearchTerm

# How alike a typed word and a known word must be (pg_trgm word similarity).
SUGGESTION_THRESHOLD = 0.4


def suggest(text: str) -> str | None:
    """The query with each unknown word replaced by the nearest word the portal knows, if any: the words of
    its content and of the synonyms' terms (core.synonyms.vocabulary()). Whether the result finds something
    is the caller's check (core.lists.views.correction)."""
    words = search.clean_query(text).split()[:6]
    if not words:
        return None
    extra = synonyms.vocabulary()
    lowered_words = [w.lower() for w in words]
    known = set(SearchTerm.objects.filter(word__in=lowered_words).values_list("word", flat=True))
    known |= set(extra) & set(lowered_words)
    changed = False
    suggestion = []
    for word in words:
        lowered = word.lower()
        if lowered in known or len(lowered) < 4 or not any(ch.isalpha() for ch in lowered):
            suggestion.append(word)
            continue
        nearest = _nearest(lowered, extra)
        if nearest and nearest != lowered:
            suggestion.append(nearest)
            changed = True
        else:
            suggestion.append(word)
    return " ".join(suggestion) if changed else None


def _nearest(word: str, extra: list[str]) -> str | None:
    """The known word most like `word` (pg_trgm similarity): of the content's vocabulary or of `extra`."""
    found = (
        SearchTerm.objects.filter(word__trigram_similar=word)  # the % operator: uses the GIN index
        .annotate(similarity=TrigramSimilarity("word", word))
        .filter(similarity__gte=SUGGESTION_THRESHOLD)
        .order_by("-similarity", "-frequency", "word")
        .values_list("word", "similarity")
        .first()
    )
    if extra:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term, similarity(term, %s) AS alike FROM unnest(%s::text[]) AS term"
                " WHERE similarity(term, %s) >= %s ORDER BY alike DESC, term LIMIT 1",
                [word, extra, word, SUGGESTION_THRESHOLD],
            )
            row = cursor.fetchone()
        if row and (found is None or row[1] > found[1]):
            found = row
    return found[0] if found else None


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
        return cursor.rowcount
