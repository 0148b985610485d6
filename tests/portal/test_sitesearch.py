"""Site search: /<lang>/search/ ranks every kind of content together."""

import pytest
from django.core.management import call_command

from goodideas.models import GoodIdea
from tests.goodideas.factories import GoodIdeaFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "query", "expected_first"),
    [
        ("en", "library", "library"),
        ("fr", "bibliothèque", "library"),
        ("fr", "bibliotheque", "library"),  # accents are optional
        ("de", "Bibliothek", "library"),
        ("de", "museums refugees", "museum"),
        ("en", "refugee", "museum"),  # stemmed: refugee finds refugees; title weighs more than teaser
    ],
)
def test_the_best_match_comes_first_in_each_language(client, ideas, language, query, expected_first):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    results = response.context["results"]
    assert results, query
    assert results[0].obj == ideas[expected_first]


def test_results_show_highlighted_snippets_and_counts_per_type(client, ideas):
    response = client.get("/en/search/", {"q": "library"})
    content = response.content.decode()
    assert "<mark>library</mark>" in content
    assert 'Good Ideas <span class="count">(2)</span>' in content
    assert response.context["total"] == 2


def test_english_content_on_a_french_page_says_so(client, ideas):
    response = client.get("/fr/search/", {"q": "museum"})
    content = response.content.decode()
    assert '<a href="/fr/ideas/' in content
    assert 'lang="en">Museums welcome refugees</a>' in content
    assert "en anglais" in content


def test_unpublished_ideas_are_never_found(client, ideas):
    GoodIdea.objects.filter(pk=ideas["museum"].pk).update(status=GoodIdea.Status.DRAFT)
    response = client.get("/en/search/", {"q": "museums"})
    assert response.context["results"] == []
    assert "Nothing found" in response.content.decode()


def test_a_typo_shows_the_corrected_results(client, ideas):
    call_command("refresh_search_terms", verbosity=0)
    response = client.get("/en/search/", {"q": "libary"})
    assert response.context["total"] > 0
    assert response.context["corrected_from"] == "libary"
    assert 'Search instead for <a href="?q=libary&amp;exact=1">libary</a>' in response.content.decode()


def test_exact_words_get_did_you_mean(client, ideas):
    call_command("refresh_search_terms", verbosity=0)
    response = client.get("/en/search/", {"q": "libary", "exact": "1"})
    assert response.context["total"] == 0
    assert response.context["suggestion"] == "library"
    assert 'href="?q=library&amp;exact=1"' in response.content.decode()


def test_an_empty_query_gets_a_helpful_page(client, ideas):
    response = client.get("/de/search/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Nach Thema stöbern" in content
    assert ideas["jobs"].get_absolute_url().replace("/en/", "/de/") in content


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 3000},
        {"q": "\x00\x01 <script>alert(1)</script>"},
        {"q": "!!! & | ( :*"},
        {"q": "library", "type": "no-such-type"},
        {"q": "🙂 refugees 难民"},
    ],
)
def test_odd_queries_get_a_normal_page(client, ideas, params):
    response = client.get("/en/search/", params)
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


@pytest.mark.parametrize(
    ("page", "shown"), [("abc", 1), ("0", 1), ("-1", 1), ("²", 1), ("2", 2), ("99", 2), ("9" * 30, 2)]
)
def test_a_page_that_is_not_a_page_shows_the_first_or_the_last(client, page, shown):
    GoodIdeaFactory.create_batch(25, teaser_en="Refugees and the library.")
    response = client.get("/en/search/", {"q": "library", "page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    assert len(response.context["results"]) == (20 if shown == 1 else 5)


def test_query_count_does_not_grow_with_results(client, django_assert_max_num_queries):
    GoodIdeaFactory.create_batch(45, teaser_en="Refugees and the library.")
    with django_assert_max_num_queries(8):
        response = client.get("/en/search/", {"q": "library"})
    assert len(response.context["results"]) == 20
    assert response.context["page_obj"].paginator.num_pages == 3


def test_the_header_search_box_leads_here(client):
    assert 'action="/en/search/"' in client.get("/en/").content.decode()


def test_ideas_ezine_items_and_news_are_ranked_together_and_narrowed_by_type(client, ideas):
    from datetime import timedelta

    from django.utils import timezone

    from conversations.models import Issue
    from tests.conversations.factories import IssueFactory, ItemFactory, NewsItemFactory

    item = ItemFactory(title_en="Libraries as living rooms", teaser_en="The library opens its doors.")
    news = NewsItemFactory(title_en="A new library for newcomers", summary_en="Opened today.")
    scheduled = IssueFactory(status=Issue.Status.PUBLISHED, publish_at=timezone.now() + timedelta(days=3))
    ItemFactory(issue=scheduled, title_en="Library secrets not yet out", teaser_en="Library.")

    response = client.get("/en/search/", {"q": "library"})
    found = {result.obj for result in response.context["results"]}
    assert {item, news, ideas["library"]} <= found
    assert response.context["total"] == 4  # two ideas, one e-zine item, one news item: not the scheduled one
    content = response.content.decode()
    assert 'E-zine articles <span class="count">(1)</span>' in content
    assert 'News <span class="count">(1)</span>' in content

    narrowed = client.get("/en/search/", {"q": "library", "type": "news"})
    assert [result.obj for result in narrowed.context["results"]] == [news]
    assert narrowed.context["total"] == 1


def test_an_ezine_item_page_is_a_schema_org_article(client):
    from tests.conversations.factories import ItemFactory
    from tests.portal.test_seo import jsonld

    item = ItemFactory(title_en="Libraries as living rooms", authors="A. Writer, B. Writer")
    data = jsonld(client.get(item.get_absolute_url()))
    assert data["@type"] == "Article"
    assert data["isPartOf"]["issueNumber"] == item.issue.number
    assert [author["name"] for author in data["author"]] == ["A. Writer", "B. Writer"]


def test_webinar_transcripts_and_conferences_are_searched(client):
    from tests.webinars.factories import EventFactory, WebinarFactory

    webinar = WebinarFactory(
        title_en="Welcoming cities online", transcript_en="We talked about participatory budgeting at length."
    )
    WebinarFactory(title_en="Hidden draft", transcript_en="participatory budgeting", status="draft")
    conference = EventFactory(title_en="Participatory budgeting summit")

    response = client.get("/en/search/", {"q": "participatory budgeting"})
    results = [result.obj for result in response.context["results"]]
    assert results == [conference, webinar]  # the title match outranks the transcript match
    content = response.content.decode()
    assert 'Webinars <span class="count">(1)</span>' in content
    assert 'Conferences <span class="count">(1)</span>' in content


def test_webinar_and_conference_pages_are_schema_org_events(client):
    from tests.portal.test_seo import jsonld
    from tests.webinars.factories import EventFactory, WebinarFactory

    webinar = WebinarFactory(title_en="Welcoming cities online")
    data = jsonld(client.get(webinar.get_absolute_url()))
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")
    assert data["startDate"].startswith(webinar.starts_at.date().isoformat())

    conference = EventFactory(title_en="Summit", venue="City Hall")
    data = jsonld(client.get(conference.get_absolute_url()))
    assert data["@type"] == "Event"
    assert data["location"]["name"] == "City Hall"
    assert data["startDate"] == conference.starts_on.isoformat()


def test_community_threads_are_found_by_their_title_or_their_replies(client):
    from community.models import Post, Thread
    from tests.community.factories import PostFactory, ThreadFactory

    by_title = ThreadFactory(title="Housing for newcomers: where to start?", language="en")
    by_reply = ThreadFactory(title="A question about Lisbon", language="fr")
    PostFactory(thread=by_reply, body_markdown="Start with the housing office of the city.")
    hidden = ThreadFactory(title="Housing spam", status=Thread.Status.HIDDEN)
    PostFactory(thread=by_title, body_markdown="Housing, hidden reply", status=Post.Status.HIDDEN)

    response = client.get("/de/search/", {"q": "housing", "type": "community"})
    results = response.context["results"]
    assert [result.obj for result in results] == [by_title, by_reply]  # a title match outranks a reply match
    assert hidden not in [result.obj for result in results]
    content = response.content.decode()
    assert "auf Englisch" in content
    assert "auf Französisch" in content


def test_library_resources_are_found_by_the_text_inside_their_documents(client, settings, tmp_path):
    from tests.elibrary.factories import ResourceFactory, pdf_resource

    settings.MEDIA_ROOT = tmp_path
    report = pdf_resource("Community pharmacists counsel newcomers in twelve languages.", title_en="Health access")
    ResourceFactory(title_en="Unpublished pharmacists guide", status="draft")

    response = client.get("/fr/search/", {"q": "pharmacists"})
    assert [result.obj for result in response.context["results"]] == [report]
    assert "Ressources de la bibliothèque" in response.content.decode()


def test_a_library_resource_is_a_schema_org_creative_work(client):
    from tests.elibrary.factories import ResourceFactory
    from tests.portal.test_seo import jsonld

    resource = ResourceFactory(title_en="Welcoming cities report", authors="Ann Author; Ben Author")
    data = jsonld(client.get(resource.get_absolute_url()))
    assert data["@type"] == "CreativeWork"
    assert data["name"] == "Welcoming cities report"
    assert [author["name"] for author in data["author"]] == ["Ann Author", "Ben Author"]
    assert data["datePublished"] == "2020"


def test_each_kind_ranks_and_counts_a_bounded_number_of_matches(client, monkeypatch):
    from portal import sitesearch

    monkeypatch.setattr(sitesearch, "CANDIDATES", 3)
    newest = GoodIdeaFactory.create_batch(5, teaser_en="Refugees and the library.")[-3:]
    response = client.get("/en/search/", {"q": "library"})
    assert {result.obj for result in response.context["results"]} == set(newest)  # the newest matches
    content = response.content.decode()
    assert "More than 3 results" in content
    assert 'Good Ideas <span class="count">(3+)</span>' in content


def test_the_same_words_again_are_not_ranked_again_until_something_is_published(client, warm_queries):
    GoodIdeaFactory.create_batch(3, teaser_en="Refugees and the library.")
    first = client.get("/en/search/?q=library")
    [(queries, response)] = warm_queries("/en/search/?q=library")
    # The content version only: the counts, the ranking and the results with their extracts are kept.
    assert queries == 1
    assert response.context["total"] == 3
    assert response.content == first.content
    assert response.content.count(b"<mark>library</mark>") == 3
    # Another page or kind of the same words shares their counts: only its ranking is new.
    assert client.get("/en/search/?q=library&type=ideas").context["total"] == 3

    GoodIdeaFactory(title_en="The library opens its doors")  # published: the version moves on
    response = client.get("/en/search/?q=library")
    assert response.context["total"] == 4
    assert response.context["results"][0].title == "The library opens its doors"


def test_every_kind_of_result_links_to_its_page_titled_in_the_language_shown(client, ideas):
    from django.utils import translation

    from tests.community.factories import ThreadFactory
    from tests.conversations.factories import ItemFactory, NewsItemFactory
    from tests.webinars.factories import EventFactory, WebinarFactory

    item = ItemFactory(title_en="Living rooms", title_fr="Les salons de la ville", teaser_en="The library opens.")
    found = [
        ideas["library"],
        item,
        NewsItemFactory(title_en="A new library for newcomers", summary_en="Opened today."),
        WebinarFactory(title_en="Libraries online", summary_en="A library webinar."),
        EventFactory(title_en="Library summit", summary_en="Librarians meet."),
        ThreadFactory(title="Which library lends laptops?", language="en"),
    ]

    response = client.get("/fr/search/", {"q": "library"})
    content = response.content.decode()
    assert {result.obj for result in response.context["results"]} >= set(found)
    with translation.override("fr"):
        for obj in found:
            assert f'<a href="{obj.get_absolute_url()}"' in content, obj
    assert f"/fr/conversations/{item.issue.number}/{item.slug}/" in content  # the e-zine's address has its issue
    assert '">Des conseils d&#x27;intégration à la bibliothèque publique</a>' in content  # in French
    assert '">Les salons de la ville</a>' in content
    assert 'lang="en">A new library for newcomers</a>' in content  # no French: the English, marked
    assert 'lang="en">Which library lends laptops?</a>' in content  # a member's words, in their language
    assert '<p class="result__snippet" lang="en">A <mark>library</mark> webinar.</p>' in content
