"""The e-zine's pages: index, issue, item, in three languages; scheduling, preview, related content."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from goodideas.models import GoodIdea
from tests.conversations.factories import IssueFactory, ItemFactory
from tests.goodideas.factories import GoodIdeaFactory
from tests.places.factories import CityFactory

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_pages_render_in_each_language(client, pages_issue, language):
    for name, kwargs in [
        ("conversations:list", {}),
        ("conversations:issue", {"number": 7}),
        ("conversations:item", {"number": 7, "slug": "first"}),
        ("conversations:news", {}),
        ("conversations:newsletter", {}),
    ]:
        response = client.get(url(name, language, **kwargs))
        assert response.status_code == 200, name
        assert f'<html lang="{language}">' in response.content.decode()


def test_french_page_shows_french_and_falls_back_to_english_marked(client, pages_issue):
    html = client.get(url("conversations:issue", "fr", number=7)).content.decode()

    assert "Villes accueillantes" in html
    assert "Premier article" in html
    # The second item has no French title: English, marked as English.
    assert '<span lang="en">Second item</span>' in html
    assert "Dans ce numéro" in html


def test_issue_lists_items_in_the_editors_order(client, pages_issue):
    html = client.get(url("conversations:issue", number=7)).content.decode()

    assert html.index("First item") < html.index("Second item")


def test_index_shows_latest_issue_first_then_archive(client, pages_issue):
    IssueFactory(number=3, title_en="An older issue", publish_at=timezone.now() - timedelta(days=90))

    response = client.get(url("conversations:list"))

    html = response.content.decode()
    assert response.context["latest"] == pages_issue
    assert html.index("Welcoming cities") < html.index("An older issue")
    assert "First item" in html


def test_item_page_shows_the_rest_of_its_issue_in_order_from_kept_cards(client, pages_issue):
    ItemFactory(issue=pages_issue, slug="third", position=3, title_en="Third item")
    ItemFactory(issue=pages_issue, slug="draft", position=4, title_en="Draft item", publish_at=None, status="draft")
    address = url("conversations:item", number=7, slug="first")
    html = client.get(address).content.decode()
    assert html.index("Second item") < html.index("Third item")
    assert "Draft item" not in html

    with CaptureQueriesContext(connection) as captured:
        again = client.get(address).content.decode()
    assert again.index("Second item") < again.index("Third item")
    # The item's own row; of the others, their ids, not their rows: each card is kept.
    assert len([query for query in captured if '"conversations_item"."teaser"' in query["sql"]]) == 1


def test_item_page_shows_related_content(client, pages_issue):
    idea = GoodIdeaFactory(title_en="Neighbourhood mothers", title="Neighbourhood mothers")
    draft = GoodIdeaFactory(title_en="Unpublished idea", title="Unpublished idea", status=GoodIdea.Status.DRAFT)
    city = CityFactory(name_en="Lisbon", name="Lisbon")
    item = pages_issue.items.get(slug="first")
    item.related_ideas.set([idea, draft])
    item.cities.set([city])

    response = client.get(url("conversations:item", number=7, slug="first"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Neighbourhood mothers" in html
    assert "Unpublished idea" not in html
    assert "Lisbon" in html
    assert "Second item" in html  # more in the same issue


def test_media_is_click_to_load(client, pages_issue):
    item = pages_issue.items.get(slug="first")
    item.media_url = "https://www.youtube.com/watch?v=abcdefghijk"
    item.save()
    page = url("conversations:item", number=7, slug="first")

    html = client.get(page).content.decode()
    assert "<iframe" not in html
    assert 'href="?play=1#player"' in html
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk"' in html

    html = client.get(page + "?play=1").content.decode()
    assert 'src="https://www.youtube-nocookie.com/embed/abcdefghijk"' in html


def test_scheduled_issue_is_invisible_before_publish_at_and_visible_after(client):
    later = timezone.now() + timedelta(hours=2)
    IssueFactory(number=9, title_en="Scheduled issue", publish_at=later)
    ItemFactory(issue__number=10, issue__status="draft", slug="x")

    assert client.get(url("conversations:issue", number=9)).status_code == 404
    assert "Scheduled issue" not in client.get(url("conversations:list")).content.decode()
    assert client.get(url("conversations:issue", number=10)).status_code == 404

    # Time passes; nothing else happens (no cron job, no task): the issue is there.
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=later + timedelta(seconds=1)):
        assert client.get(url("conversations:issue", number=9)).status_code == 200
        assert "Scheduled issue" in client.get(url("conversations:list")).content.decode()
    assert client.get(url("conversations:issue", number=10)).status_code == 404


def test_preview_is_for_staff_only(client, django_user_model, editor):
    draft = IssueFactory(number=11, title_en="Draft issue", status="draft", publish_at=None)
    item = ItemFactory(issue=draft, slug="draft-item")
    preview = url("conversations:preview-issue", pk=draft.pk)
    item_preview = url("conversations:preview-item", pk=item.pk)
    assert (preview, item_preview) == (draft.get_preview_url(), item.get_preview_url())

    assert client.get(preview).status_code == 404
    assert client.get(item_preview).status_code == 404
    client.force_login(django_user_model.objects.create_user("visitor", "v@example.org", "a long password 123"))
    assert client.get(preview).status_code == 404

    client.force_login(editor)
    response = client.get(preview)
    assert response.status_code == 200
    assert "Draft issue" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert item_preview in response.content.decode()  # links stay in the preview
    assert client.get(item_preview).status_code == 200
    # The public address still says 404.
    assert client.get(url("conversations:issue", number=11)).status_code == 404


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/en/conversations/999/", 404),
        ("/en/conversations/7/no-such-item/", 404),
        ("/en/conversations/?page=99", 200),  # past the last page: the last page
        ("/en/conversations/?page=abc", 200),
        ("/en/conversations/7/first/?play=%00", 200),
        ("/en/conversations/preview/issue/7/", 404),  # a preview, for visitors who are not staff
        ("/en/conversations/preview/item/99999999999999999999/", 404),
    ],
)
def test_bad_input_never_500(client, pages_issue, path, status):
    assert client.get(path).status_code == status


def test_home_shows_latest_issue_and_news(client, pages_issue, django_assert_max_num_queries):
    from tests.conversations.factories import NewsItemFactory

    NewsItemFactory(title_en="Library opens a welcome desk", title="Library opens a welcome desk")
    html = client.get("/en/").content.decode()
    assert "Welcoming cities" in html
    assert "Library opens a welcome desk" in html


def test_home_without_content_shows_no_section(client):
    assert "home-conversations" not in client.get("/en/").content.decode()


def test_index_and_issue_query_counts_are_constant(client, django_assert_max_num_queries):
    def build(count, first_number):
        for n in range(count):
            pages_issue = IssueFactory(number=first_number + n)
            for position in range(3):
                ItemFactory(issue=pages_issue, position=position)

    build(5, 100)
    for path in ["/en/conversations/", "/en/conversations/104/"]:
        with django_assert_max_num_queries(5):
            assert client.get(path).status_code == 200
    build(45, 200)
    for path in ["/en/conversations/", "/en/conversations/244/"]:
        with django_assert_max_num_queries(5):
            assert client.get(path).status_code == 200


def test_item_page_query_count_is_constant(client, pages_issue, django_assert_max_num_queries, cold):
    # 14 when nothing is kept: the item with its issue, images, themes and cities, the ids of the issue's
    # other items then their rows (cards not kept), its community questions, the content version (its
    # ETag, core.httpcache); its related ideas and library resources: the links, read once per content
    # version (core.kept), then the cards' rows.
    item = pages_issue.items.get(slug="first")
    item.related_ideas.set(GoodIdeaFactory.create_batch(5))
    with django_assert_max_num_queries(14) as few:
        assert client.get(url("conversations:item", number=7, slug="first")).status_code == 200
    item.related_ideas.set(GoodIdeaFactory.create_batch(50))
    for _n in range(45):
        ItemFactory(issue=pages_issue)
    cold()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url("conversations:item", number=7, slug="first")).status_code == 200


def test_home_query_count_is_constant(client, django_assert_max_num_queries):
    from tests.conversations.factories import NewsItemFactory

    pages_issue = IssueFactory()
    ItemFactory.create_batch(5, issue=pages_issue)
    NewsItemFactory.create_batch(5)
    with django_assert_max_num_queries(12) as context:
        client.get("/en/")
    baseline = len(context.captured_queries)
    ItemFactory.create_batch(45, issue=pages_issue)
    NewsItemFactory.create_batch(45)
    with django_assert_max_num_queries(baseline):
        client.get("/en/")


def test_sitemap_lists_public_issues_items_and_news(client, pages_issue):
    from tests.conversations.factories import NewsItemFactory

    NewsItemFactory(slug="in-the-sitemap", title_de="In der Sitemap")
    IssueFactory(number=99, status="draft")
    xml = client.get("/sitemap.xml").content.decode()
    assert "/fr/conversations/7/first/" in xml
    assert "/fr/conversations/7/second/" not in xml  # written in English only
    assert "/en/conversations/7/second/" in xml
    assert "/de/conversations/7/" in xml
    assert "/de/news/in-the-sitemap/" in xml
    assert "/fr/news/in-the-sitemap/" not in xml
    assert "/conversations/99/" not in xml


@pytest.mark.parametrize(
    ("name", "kwargs", "path"),
    [
        ("conversations:list", {}, "/en/conversations/"),
        ("conversations:issue", {"number": 3}, "/en/conversations/3/"),
        ("conversations:item", {"number": 3, "slug": "a-b"}, "/en/conversations/3/a-b/"),
        ("conversations:preview-issue", {"pk": 3}, "/en/conversations/preview/issue/3/"),
        ("conversations:preview-item", {"pk": 3}, "/en/conversations/preview/item/3/"),
        ("conversations:preview-newsitem", {"pk": 3}, "/en/news/preview/3/"),
        ("conversations:news", {}, "/en/news/"),
        ("conversations:news-detail", {"slug": "x"}, "/en/news/x/"),
        ("conversations:news-feed", {}, "/en/news/feed/"),
        ("conversations:feed-atom", {}, "/en/conversations/feed/atom/"),
        ("conversations:newsletter", {}, "/en/newsletter/"),
    ],
)
def test_urls_reverse_and_resolve(name, kwargs, path):
    from django.urls import resolve

    assert url(name, **kwargs) == path
    assert resolve(path).view_name == name


def test_issue_page_query_count_is_the_same_with_5_and_50_items(client, django_assert_max_num_queries):
    pages_issue = IssueFactory(number=300)
    ItemFactory.create_batch(5, issue=pages_issue)
    with django_assert_max_num_queries(4) as context:
        assert client.get("/en/conversations/300/").status_code == 200
    baseline = len(context.captured_queries)
    ItemFactory.create_batch(45, issue=pages_issue)
    with django_assert_max_num_queries(baseline):
        response = client.get("/en/conversations/300/")
    assert len(response.context["items"]) == 50


def test_item_images_show_with_caption_credit_and_alt(client, pages_issue):
    from conversations.models import ItemImage

    item = pages_issue.items.get(slug="first")
    ItemImage.objects.create(
        item=item,
        image="conversations/2024/market.jpg",
        alt_en="Traders at a market stall",
        alt_fr="Commerçants à un étal",
        caption_en="The market on a Saturday morning.",
        credit="City archive",
    )
    html = client.get(url("conversations:item", "fr", number=7, slug="first")).content.decode()
    assert 'alt="Commerçants à un étal"' in html
    assert '<span lang="en">The market on a Saturday morning.</span>' in html
    assert "Photo : City archive" in html
