"""What the home page shows of this app: the latest e-zine issue with its items, and the latest news (3 queries)."""

from django.db.models import Prefetch

from conversations.models import Issue, Item, NewsItem

HOME_NEWS = 4


def home_context(request):
    return {
        "latest_issue": Issue.objects.published().prefetch_related(Prefetch("items", Item.objects.published())).first(),
        "latest_news": list(NewsItem.objects.published().select_related("city", "country")[:HOME_NEWS]),
    }
