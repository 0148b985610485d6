"""What the home page shows of this app: home_context(request) returns template variables."""

from webinars.models import Webinar


def home_context(request):
    """The next webinar (one query), or nothing when none is announced."""
    next_webinar = Webinar.objects.published().upcoming().first()
    return {"next_webinar": next_webinar}
