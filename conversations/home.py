"""What the home page shows of this app: the latest e-zine issue and the latest news (two queries)."""

from conversations.models import Issue, NewsItem

HOME_NEWS = 4


def home_context(request):
    return {
        "latest_issue": Issue.objects.published().first(),
        "latest_news": list(NewsItem.objects.select_related("city", "country")[:HOME_NEWS]),
    }
