"""What the home page shows of this app: the most recent Good Ideas (goodideas/home_section.html)."""

from goodideas.models import GoodIdea

HOME_IDEAS = 5


def home_context(request):
    return {"recent_ideas": GoodIdea.objects.published().for_listing()[:HOME_IDEAS]}
