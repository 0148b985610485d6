"""Synonyms editors keep (core.SynonymGroup), applied by every search box (core.search.query)."""

from urllib.parse import urlencode

import pytest
from django.core.management import call_command

from core import synonyms
from core.models import SynonymGroup
from core.versioning import content_version
from tests.elibrary.factories import ResourceFactory
from tests.goodideas.factories import idea_with

pytestmark = pytest.mark.django_db


def found(client, address, words, **params):
    response = client.get(address, {"q": words, **params})
    assert response.status_code == 200
    return [idea.title_en for idea in response.context["object_list"]]


@pytest.mark.parametrize(
    ("language", "terms", "written", "typed"),
    [
        ("en", "mentoring, mentorship", {"title_en": "Mentoring for newcomers"}, "mentorship"),
        ("fr", "réfugiés, demandeurs d'asile", {"title_fr": "Accueillir les demandeurs d'asile"}, "réfugiés"),
        ("de", "Flüchtlinge, Geflüchtete", {"title_de": "Wohnungen für Geflüchtete"}, "Flüchtlinge"),
    ],
)
def test_a_synonym_finds_the_item_that_has_only_the_other_word(client, language, terms, written, typed):
    idea = idea_with(**{"title_en": "Untitled", **written})
    idea_with(title_en="Something else")
    assert found(client, f"/{language}/ideas/", typed) == []
    SynonymGroup.objects.create(language=language, terms=terms)
    assert found(client, f"/{language}/ideas/", typed) == [idea.title_en]


def test_a_group_applies_in_its_language_and_english_only(client):
    idea = idea_with(title_en="Untitled", title_de="Wohnungen für Geflüchtete")
    SynonymGroup.objects.create(language="de", terms="Flüchtlinge, Geflüchtete")
    assert found(client, "/fr/ideas/", "Flüchtlinge") == []
    assert found(client, "/de/ideas/", "Flüchtlinge") == [idea.title_en]


def test_a_phrase_is_a_synonym_both_ways(client):
    SynonymGroup.objects.create(language="en", terms="refugees, asylum seekers")
    refugees = idea_with(title_en="Housing refugees")
    seekers = idea_with(title_en="Housing asylum seekers")
    idea_with(title_en="Asylum for artists")  # "asylum" alone is not the phrase
    assert sorted(found(client, "/en/ideas/", "asylum seekers")) == sorted([refugees.title_en, seekers.title_en])
    assert sorted(found(client, "/en/ideas/", '"asylum seekers"')) == sorted([refugees.title_en, seekers.title_en])
    assert found(client, "/en/ideas/", "refugee", sort="relevance") == [refugees.title_en, seekers.title_en]


def test_the_word_typed_ranks_first(client):
    SynonymGroup.objects.create(language="en", terms="immigrants, migrants, newcomers")
    other = idea_with(title_en="Welcoming newcomers")
    typed = idea_with(title_en="Welcoming migrants")
    assert found(client, "/en/ideas/", "migrants") == [typed.title_en, other.title_en]


def test_websearch_operators_keep_their_meaning(client):
    SynonymGroup.objects.create(language="en", terms="mentoring, mentorship")
    youth = idea_with(title_en="Mentoring youth")
    women = idea_with(title_en="Mentoring women")
    housing = idea_with(title_en="Housing")
    assert found(client, "/en/ideas/", "mentorship -youth") == [women.title_en]
    assert sorted(found(client, "/en/ideas/", "housing or mentorship")) == sorted(
        [youth.title_en, women.title_en, housing.title_en]
    )


def test_a_group_added_in_the_admin_moves_the_version_on_and_applies_at_once(client, editor):
    idea = idea_with(title_en="Mentoring for newcomers")
    assert found(client, "/en/ideas/", "mentorship") == []
    before = content_version()
    client.force_login(editor)
    response = client.post("/admin/core/synonymgroup/add/", {"language": "en", "terms": "mentoring,  mentorship"})
    assert response.status_code == 302
    assert SynonymGroup.objects.get().terms == "mentoring, mentorship"
    assert content_version() > before
    assert found(client, "/en/ideas/", "mentorship") == [idea.title_en]


def test_the_admin_refuses_a_group_of_one_word(client, editor):
    client.force_login(editor)
    response = client.post("/admin/core/synonymgroup/add/", {"language": "en", "terms": "mentoring, Mentoring"})
    assert response.status_code == 200
    assert "at least two" in response.content.decode()
    assert not SynonymGroup.objects.exists()


@pytest.mark.parametrize(
    "words",
    [
        "mentorship " * 300,
        '"mentorship',
        'mentorship" or',
        "-mentorship",
        "or or mentorship or",
        "mentorship & | ! <-> :* ( )",
        "'mentorship'",
        "\x00mentorship",
    ],
)
@pytest.mark.parametrize("address", ["/en/ideas/", "/en/search/", "/en/library/", "/en/community/"])
def test_odd_words_with_synonyms_never_fail(client, address, words):
    SynonymGroup.objects.create(language="en", terms="mentoring, mentorship, mentor programme")
    idea_with(title_en="Mentoring for newcomers")
    assert client.get(address, {"q": words}).status_code == 200


def test_the_demo_synonyms_load_twice_without_duplicates():
    synonyms.load_demo()
    count = SynonymGroup.objects.count()
    synonyms.load_demo()
    assert SynonymGroup.objects.count() == count
    assert {group.language for group in SynonymGroup.objects.all()} == {"en", "fr", "de"}
    assert SynonymGroup.objects.filter(language="de", terms__contains="Geflüchtete").exists()


def test_a_correction_that_finds_nothing_here_is_never_proposed(client):
    idea_with(title_en="Housing")
    ResourceFactory(title_en="Mentoring newcomers")  # the vocabulary knows "mentoring", the ideas have none
    call_command("refresh_search_terms", verbosity=0)
    for params in ({}, {"exact": "1"}):
        response = client.get("/en/ideas/", {"q": "mentorinng", **params})
        assert response.context["total"] == 0
        assert response.context["corrected_from"] is None
        assert response.context["suggestion"] is None
        assert "Did you mean" not in response.content.decode()


@pytest.mark.parametrize(
    ("language", "title", "typo", "meant"),
    [
        ("en", {"title_en": "Welcoming refugees"}, "refugess", "refugees"),
        ("fr", {"title_fr": "Accueillir les réfugiés"}, "réffugiés", "réfugiés"),
        ("de", {"title_de": "Wohnungen für Geflüchtete"}, "Geflüchtte", "geflüchtete"),
    ],
)
def test_a_typo_shows_the_corrected_results_in_each_language(client, language, title, typo, meant):
    idea = idea_with(**{"title_en": "Untitled", **title})
    call_command("refresh_search_terms", verbosity=0)
    response = client.get(f"/{language}/ideas/", {"q": typo})
    assert [row.pk for row in response.context["object_list"]] == [idea.pk]
    assert response.context["corrected_from"] == typo
    assert response.context["query"] == meant
    link = "?" + urlencode({"q": typo, "exact": "1"}).replace("&", "&amp;")
    assert f'href="{link}"' in response.content.decode()
    assert client.get(f"/{language}/ideas/", {"q": typo, "exact": "1"}).context["total"] == 0


def test_a_typo_of_a_synonym_no_content_holds_is_corrected_to_it(client):
    idea = idea_with(title_en="Untitled", title_de="Wohnungen für Geflüchtete")
    idea_with(title_en="Something else", title_de="Flüchtlingsküchen in Köln")  # a near word the content holds
    call_command("refresh_search_terms", verbosity=0)
    assert client.get("/de/ideas/", {"q": "Flüchtlnge"}).context["corrected_from"] is None  # no group yet

    SynonymGroup.objects.create(language="de", terms="Flüchtlinge, Geflüchtete")  # no refresh needed
    response = client.get("/de/ideas/", {"q": "Flüchtlnge"})

    assert response.context["corrected_from"] == "Flüchtlnge"
    assert response.context["query"] == "flüchtlinge"
    assert [row.pk for row in response.context["object_list"]] == [idea.pk]
    assert "Ergebnisse für <strong>flüchtlinge</strong>" in response.content.decode()


def test_a_synonym_that_finds_nothing_is_never_proposed(client):
    idea_with(title_en="Housing", title_de="Wohnungen")
    SynonymGroup.objects.create(language="de", terms="Flüchtlinge, Geflüchtete")  # in no content
    for params in ({}, {"exact": "1"}):
        response = client.get("/de/ideas/", {"q": "Flüchtlnge", **params})
        assert response.context["total"] == 0
        assert response.context["corrected_from"] is None
        assert response.context["suggestion"] is None
