"""core.related.read_related: a detail page's few related rows, as prefetch_related() leaves them, in one query."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conversations.models import ItemImage
from core.related import read_related
from goodideas.models import GoodIdea
from tests.conversations.factories import ItemFactory
from tests.elibrary.factories import ResourceFactory
from tests.goodideas.factories import FurtherReadingFactory, idea_with
from tests.places.factories import OrganisationFactory
from tests.webinars.factories import EventFactory
from webinars.models import Event, Session

pytestmark = pytest.mark.django_db


def test_many_to_many_and_reverse_foreign_keys_in_their_order_with_one_query():
    idea = idea_with()
    idea.partners.set([OrganisationFactory(name=name) for name in ("Zebra Trust", "Anchor Club", "Maple House")])
    FurtherReadingFactory(idea=idea, position=3, title_en="Third")
    FurtherReadingFactory(idea=idea, position=1, title_en="First", title_fr="Premier")
    idea = GoodIdea.objects.get(pk=idea.pk)

    with CaptureQueriesContext(connection) as reads:
        read_related(idea, partners=("name", "website"), further_reading=("title", "url", "position"))
        partners = [partner.name for partner in idea.partners.all()]
        reading = [(link.title_en, link.title_fr, link.position, link.idea_id) for link in idea.further_reading.all()]
        owners = {link.idea for link in idea.further_reading.all()}  # each row knows its idea, as after a prefetch

    assert len(reads) == 1
    assert partners == ["Anchor Club", "Maple House", "Zebra Trust"]  # Organisation's order: by name
    assert reading == [("First", "Premier", 1, idea.pk), ("Third", None, 3, idea.pk)]  # by position, every language
    assert owners == {idea}
    assert next(iter(owners)) is idea
    assert list(idea.partners.all()) == list(GoodIdea.objects.get(pk=idea.pk).partners.all())


def test_a_field_not_read_is_read_when_asked_and_the_relation_still_filters_in_the_database():
    idea = idea_with()
    idea.partners.set([OrganisationFactory(name="Anchor Club", kind="library"), OrganisationFactory(name="Zebra")])
    read_related(idea, partners=("name",))

    with CaptureQueriesContext(connection) as reads:
        assert idea.partners.all()[0].kind == "library"  # deferred: one query
    assert len(reads) == 1
    assert [partner.name for partner in idea.partners.filter(name__startswith="Z")] == ["Zebra"]


def test_nothing_related_is_an_empty_list_and_a_page_reads_its_images_in_one_query(client):
    item = ItemFactory()
    read_related(item, images=("image", "alt", "caption", "credit", "position"))
    assert list(item.images.all()) == []

    for position, alt in ((2, "Second"), (1, "First")):
        ItemImage.objects.create(item=item, image=f"conversations/{alt}.jpg", alt_en=alt, position=position)
    with CaptureQueriesContext(connection) as page:
        html = client.get(item.get_absolute_url()).content.decode()
    assert html.index('alt="First"') < html.index('alt="Second"')
    assert sum("conversations_itemimage" in query["sql"] for query in page.captured_queries) == 1


def test_dates_come_back_as_the_database_holds_them_and_an_event_page_reads_its_programme_in_one_query(client):
    event = EventFactory(title_en="Cities summit")
    start = datetime(2031, 5, 6, 9, 30, tzinfo=UTC)
    Session.objects.create(event=event, starts_at=start + timedelta(hours=2), title_en="Second session")
    Session.objects.create(event=event, starts_at=start, ends_at=start + timedelta(hours=1), title_en="Opening")
    event = Event.objects.get(pk=event.pk)
    read_related(event, sessions=("starts_at", "ends_at", "title"))
    sessions = [(session.title, session.starts_at, session.ends_at) for session in event.sessions.all()]
    assert sessions == [
        ("Opening", start, start + timedelta(hours=1)),
        ("Second session", start + timedelta(hours=2), None),
    ]

    with CaptureQueriesContext(connection) as page:
        html = client.get(event.get_absolute_url()).content.decode()
    assert html.index("Opening") < html.index("Second session")
    assert sum("webinars_session" in query["sql"] for query in page.captured_queries) == 1


@pytest.mark.parametrize(
    ("make", "relations"),
    [
        (idea_with, {"city": ("name",)}),  # a foreign key: one row, not many
        (lambda: ResourceFactory(), {"cities": ("name", "foreign_born_share")}),  # a decimal: JSON would round it
    ],
)
def test_what_it_cannot_read_as_it_is_is_refused(make, relations):
    with pytest.raises(ValueError, match="read_related"):
        read_related(make(), **relations)
