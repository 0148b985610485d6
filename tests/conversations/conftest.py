from datetime import date, timedelta

import pytest
from django.utils import timezone

from places.models import Theme
from tests.conversations.factories import IssueFactory, ItemFactory, NewsItemFactory
from tests.places.factories import CityFactory, CountryFactory


# From test_admin.py
@pytest.fixture
def admin_issue():
    issue = IssueFactory(number=12, title_en="Cities that listen")
    ItemFactory(issue=issue, slug="one", title_en="Item one")
    return issue


# From test_feeds.py
@pytest.fixture
def content():
    issue = IssueFactory(number=4)
    ItemFactory(
        issue=issue, slug="welcome", title_en="Welcome desk", title_fr="Guichet d'accueil", authors="The editors"
    )
    future = IssueFactory(number=5, publish_at=timezone.now() + timedelta(days=3))
    ItemFactory(issue=future, slug="secret", title_en="Not yet public")
    NewsItemFactory(slug="n1", title_en="City opens a welcome centre", title_de="Stadt eröffnet ein Willkommenszentrum")


# From test_library_resources.py
@pytest.fixture
def item():
    return ItemFactory(issue=IssueFactory(number=9), slug="welcome-desk", title_en="City hall as a welcome desk")


# From test_news.py
@pytest.fixture
def places():
    germany = CountryFactory(slug="germany", name_en="Germany", name="Germany", code="DE")
    canada = CountryFactory(slug="canada", name_en="Canada", name="Canada", code="CA")
    berlin = CityFactory(slug="berlin", name_en="Berlin", name="Berlin", country=germany)
    toronto = CityFactory(slug="toronto", name_en="Toronto", name="Toronto", country=canada)
    return {"germany": germany, "canada": canada, "berlin": berlin, "toronto": toronto}


@pytest.fixture
def news(places):
    work, learn = Theme.objects.get(slug="work"), Theme.objects.get(slug="learn")
    return {
        "berlin": NewsItemFactory(title_en="Berlin news", city=places["berlin"], date=date(2024, 3, 1), themes=[work]),
        "germany": NewsItemFactory(
            title_en="German news", country=places["germany"], date=date(2024, 5, 1), themes=[learn]
        ),
        "toronto": NewsItemFactory(
            title_en="Toronto news", city=places["toronto"], date=date(2024, 4, 1), themes=[work, learn]
        ),
    }


# From test_newsletter.py
@pytest.fixture
def newsletter_issue():
    issue = IssueFactory(
        number=12, title_en="Cities that listen", title_fr="Des villes à l'écoute", title_de="Städte, die zuhören"
    )
    ItemFactory(issue=issue, slug="one", title_en="Item one", title_de="Beitrag eins")
    return issue


# From test_pages.py
@pytest.fixture
def pages_issue():
    issue = IssueFactory(
        number=7, title_en="Welcoming cities", title_fr="Villes accueillantes", title_de="Offene Städte"
    )
    ItemFactory(issue=issue, slug="second", position=2, title_en="Second item")
    ItemFactory(issue=issue, slug="first", position=1, title_en="First item", title_fr="Premier article")
    return issue
