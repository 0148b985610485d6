import pytest

from conversations import demo
from conversations.models import Issue, Item, NewsItem
from goodideas import demo as goodideas_demo
from places import demo as places_demo

pytestmark = pytest.mark.django_db


def test_demo_loads_three_languages_and_is_idempotent(client):
    places_demo.load()
    goodideas_demo.load()
    demo.load()
    counts = (Issue.objects.count(), Item.objects.count(), NewsItem.objects.count())
    demo.load()

    assert counts == (Issue.objects.count(), Item.objects.count(), NewsItem.objects.count())
    assert counts[0] == 3 and counts[2] == 12
    report_card = Issue.objects.get(title_en="2009: A Successful First Year")
    assert report_card.title_fr and report_card.title_de
    assert all(item.title_fr and item.body_de for item in Item.objects.all())
    assert Item.objects.filter(related_ideas__isnull=False).exists()
    for path in ["/fr/conversations/", "/de/news/", report_card.items.first().get_absolute_url()]:
        assert client.get(path).status_code == 200
