import pytest

from goodideas import demo as goodideas_demo
from places import demo as places_demo
from webinars import demo
from webinars.models import Event, Session, Webinar, WebinarSpeaker

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_changes_and_always_has_upcoming_webinars():
    places_demo.load()
    goodideas_demo.load()
    demo.load()
    before = {
        "webinars": list(Webinar.objects.order_by("pk").values_list("pk", "slug", "starts_at")),
        "sessions": list(Session.objects.order_by("pk").values_list("pk", "title_fr")),
        "speakers": WebinarSpeaker.objects.count(),
    }
    demo.load()
    after = {
        "webinars": list(Webinar.objects.order_by("pk").values_list("pk", "slug", "starts_at")),
        "sessions": list(Session.objects.order_by("pk").values_list("pk", "title_fr")),
        "speakers": WebinarSpeaker.objects.count(),
    }
    assert before == after
    assert Webinar.objects.published().upcoming().count() >= 2
    assert Webinar.objects.published().archived().exclude(recording_url="").count() == 6
    assert Event.objects.count() == 3
    assert all(webinar.title_fr and webinar.title_de for webinar in Webinar.objects.all())
