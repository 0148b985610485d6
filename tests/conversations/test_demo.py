"""The demo e-zine and news: loading twice changes nothing; the seeds' report card and news are there (en, fr, de)."""

from conversations.models import Issue, NewsItem


def test_loading_the_demo_twice_changes_no_ezine_or_news_row(demo_loaded_twice):
    first, second = demo_loaded_twice
    assert first["conversations.Issue"]
    assert first["conversations.Item"]
    assert first["conversations.NewsItem"]
    assert {label: rows for label, rows in first.items() if label.startswith("conversations.")} == {
        label: rows for label, rows in second.items() if label.startswith("conversations.")
    }


def test_the_demo_has_the_seeds_report_card_and_news(demo_loaded_twice, client):
    report_card = Issue.objects.published().get(title_en="2009: A Successful First Year")
    assert report_card.title_fr == "2009 : une première année réussie"
    assert report_card.title_de == "2009: Ein erfolgreiches erstes Jahr"
    item = report_card.items.first()
    assert item.body_fr
    assert item.body_de
    news = NewsItem.objects.get(slug="geneva-conference-on-migrants-and-cities")
    assert news.city.slug == "geneva"
    assert client.get(item.get_absolute_url()).status_code == 200
    assert "Genève" in client.get("/fr/news/").content.decode()
