"""A detail page's own row is read with SQL compiled once per view and language (core.written): each
view runs it with its own address's values and its own clock."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from core import written
from goodideas.models import GoodIdea
from tests.conversations.factories import IssueFactory, ItemFactory
from tests.goodideas.factories import GoodIdeaFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_ideas_page_shows_its_own_idea(client, language):
    first = GoodIdeaFactory(title_en="Welcome desks", title_fr="Guichets uniques")
    second = GoodIdeaFactory(title_en="Language cafés", title_fr="Cafés des langues")

    pages = [client.get(f"/{language}/ideas/{idea.slug}/").content.decode() for idea in (first, second, first)]

    titles = {"en": ("Welcome desks", "Language cafés"), "fr": ("Guichets uniques", "Cafés des langues")}[language]
    assert f"<title>{titles[0]} · " in pages[0]
    assert f"<title>{titles[1]} · " in pages[1]
    assert pages[2] == pages[0]


def test_an_article_is_found_by_its_issues_number_and_its_slug(client):
    spring, autumn = IssueFactory(number=7), IssueFactory(number=8)
    ItemFactory(issue=spring, slug="editorial", title_en="Spring editorial")
    ItemFactory(issue=autumn, slug="editorial", title_en="Autumn editorial")

    spring_page = client.get("/en/conversations/7/editorial/").content.decode()
    autumn_page = client.get("/en/conversations/8/editorial/").content.decode()

    assert "Spring editorial" in spring_page
    assert "Autumn editorial" not in spring_page
    assert "Autumn editorial" in autumn_page
    assert client.get("/en/conversations/9/editorial/").status_code == 404


def test_a_lookup_that_changes_its_value_is_built_each_time():
    GoodIdeaFactory(slug="welcome-desks")
    GoodIdeaFactory(slug="language-cafes")

    def build(part):
        return GoodIdea.objects.filter(slug__icontains=part)

    assert written.get(GoodIdea, "contains", build, part="desk").slug == "welcome-desks"
    assert written.get(GoodIdea, "contains", build, part="cafe").slug == "language-cafes"
    with pytest.raises(GoodIdea.DoesNotExist):
        written.get(GoodIdea, "contains", build, part="housing")


def test_a_query_that_reads_the_clock_itself_still_sees_it_move():
    idea = GoodIdeaFactory(publish_at=timezone.now() + timedelta(hours=2))

    def build(slug):
        return GoodIdea.objects.published().filter(slug=slug)  # published() reads the clock

    with pytest.raises(GoodIdea.DoesNotExist):
        written.get(GoodIdea, "own clock", build, slug=idea.slug)
    with mock.patch("django.utils.timezone.now", return_value=idea.published_at + timedelta(seconds=1)):
        assert written.get(GoodIdea, "own clock", build, slug=idea.slug) == idea


def test_two_rows_at_one_address_are_an_error_as_for_get():
    GoodIdeaFactory(teaser_en="Twins")
    GoodIdeaFactory(teaser_en="Twins")

    with pytest.raises(GoodIdea.MultipleObjectsReturned):
        written.get(GoodIdea, "twins", lambda teaser: GoodIdea.objects.filter(teaser_en=teaser), teaser="Twins")
