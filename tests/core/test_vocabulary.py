""" "Did you mean": the nearest known word of each word a search box was given that the content does not hold."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import vocabulary
from core.models import SearchTerm, SynonymGroup
from tests.core.support import table_counts
from tests.elibrary.factories import ResourceFactory
from tests.goodideas.factories import idea_with


def test_each_unknown_word_is_replaced_by_the_nearest_known_one(db):
    SearchTerm.objects.bulk_create(SearchTerm(word=word, frequency=1) for word in ["mentoring", "refugees", "housing"])
    SynonymGroup.objects.create(language="de", terms="Flüchtlinge, Geflüchtete")  # words no content holds
    assert vocabulary.suggest("Mentorinng for refugess in Flüchtlnge housing") == (
        "mentoring for refugees in flüchtlinge housing"
    )
    assert vocabulary.suggest("housing for refugees") is None  # nothing to correct
    assert vocabulary.suggest("xqzvw") is None  # nothing near enough


def test_every_unknown_word_is_looked_up_in_one_query(db):
    SearchTerm.objects.bulk_create(SearchTerm(word=word, frequency=1) for word in ["mentoring", "refugees", "housing"])
    vocabulary.suggest("warm")  # the synonyms' words, read once per content version
    counts = []
    for words in ["mentorinng", "mentorinng refugess housng papyrus"]:
        with CaptureQueriesContext(connection) as queries:
            vocabulary.suggest(words)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 2  # the content version (once per request on a page), then the words


def test_of_equally_near_words_the_most_frequent_then_the_first_is_proposed(db):
    SearchTerm.objects.bulk_create(
        [SearchTerm(word="abcdy", frequency=1), SearchTerm(word="abcdz", frequency=5), SearchTerm(word="abcdw")]
    )
    assert vocabulary.suggest("abcdx") == "abcdz"
    SearchTerm.objects.update(frequency=0)
    assert vocabulary.suggest("abcdx") == "abcdw"  # frequency 0 each: the first in alphabetical order


def test_rebuilding_the_vocabulary_leaves_fresh_statistics_for_the_planner(db, django_capture_on_commit_callbacks):
    idea_with(title_en="Mentoring newcomers")
    ResourceFactory(title_en="Housing for refugees")
    vacuumed, analyzed = table_counts(SearchTerm._meta.db_table)
    with django_capture_on_commit_callbacks(execute=True):
        assert vocabulary.refresh_terms() >= 4
    assert table_counts(SearchTerm._meta.db_table) == (vacuumed, analyzed + 1)
