"""What the home page shows of this app: the latest e-zine issue with its items, and the latest news (3 queries)."""

from conversations.models import Issue, NewsItem

HOME_NEWS = 4


def home_context(request):
    return {
        "latest_issue": Issue.objects.published().prefetch_related("items").first(),
        "latest_news": list(NewsItem.objects.select_related("city", "country")[:HOME_NEWS]),
    }
