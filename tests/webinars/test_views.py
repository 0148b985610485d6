from datetime import timedelta

import feedparser
import icalendar
import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone, translation

from places.models import Theme
from tests.places.factories import OrganisationFactory
from tests.webinars.factories import (
    EventFactory,
    RegistrationFactory,
    SessionFactory,
    SpeakerFactory,
    WebinarFactory,
    webinars_and_events,
)
from webinars.models import Registration, WebinarSpeaker

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"webinars:{name}", kwargs=kwargs or None)


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_pages_answer_in_three_languages(client, language):
    webinar = WebinarFactory(title_fr="Villes accueillantes", title_de="Willkommensstädte")
    event = EventFactory()
    SessionFactory(event=event)

    for address in [
        url("list", language),
        url("detail", language, slug=webinar.slug),
        url("events", language),
        url("event-detail", language, slug=event.slug),
    ]:
        response = client.get(address)
        assert response.status_code == 200, address
        assert f'<html lang="{language}">' in response.content.decode()


def test_french_pages_show_french(client):
    webinar = WebinarFactory(title_fr="Villes accueillantes", summary_fr="Un bilan.")
    response = client.get(url("detail", "fr", slug=webinar.slug))
    assert "Villes accueillantes" in response.content.decode()
    assert "Inscription" in response.content.decode()
    response = client.get(url("list", "fr"))
    assert "Webinaires à venir" in response.content.decode()


def test_untranslated_title_is_marked_english(client):
    webinar = WebinarFactory(title_en="Welcoming cities")
    response = client.get(url("detail", "de", slug=webinar.slug))
    assert '<span lang="en">Welcoming cities</span>' in response.content.decode()


def test_list_shows_upcoming_first_then_archive(client):
    past = WebinarFactory(title_en="Old one", starts_at=timezone.now() - timedelta(days=30))
    soon = WebinarFactory(title_en="Soon one")
    WebinarFactory(title_en="Hidden one", status="draft")
    response = client.get(url("list"))
    assert list(response.context["upcoming"]) == [soon]
    assert list(response.context["archive"]) == [past]
    content = response.content.decode()
    assert content.index("Soon one") < content.index("Old one")
    assert "Hidden one" not in content


@pytest.mark.parametrize("name", ["list", "events"])
def test_lists_keep_their_counts_until_the_next_one_is_over(client, warm_queries, name):
    webinars_and_events(3)
    [(queries, response)] = warm_queries(url(name))
    assert response.status_code == 200
    assert queries == 1  # the content version: the counts, the page and what is coming up are kept


def test_kept_lists_follow_the_clock(client, monkeypatch):
    now = timezone.now()
    WebinarFactory(title_en="Old one", starts_at=now - timedelta(days=30))
    soon = WebinarFactory(title_en="Soon one", starts_at=now + timedelta(hours=1))
    response = client.get(url("list"))
    assert [webinar.pk for webinar in response.context["upcoming"]] == [soon.pk]
    assert response.context["paginator"].count == 1

    later = soon.ends_at + timedelta(minutes=1)  # "Soon one" is over: in the archive, counted there
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.get(url("list"))
    assert list(response.context["upcoming"]) == []
    assert response.context["paginator"].count == 2
    html = response.content.decode()
    assert html.index("Soon one") < html.index("Old one")


def test_another_page_of_a_kept_list_is_of_the_archive_only(client):
    now = timezone.now()
    past = [WebinarFactory(starts_at=now - timedelta(days=10 + day)) for day in range(13)]
    WebinarFactory(title_en="Soon one", starts_at=now + timedelta(days=1))
    client.get(url("list"))  # counted: page 2 finds only its ids
    response = client.get(url("list"), {"page": "2"})
    assert [webinar.pk for webinar in response.context["archive"]] == [past[-1].pk]


def test_filter_by_theme_year_and_words(client):
    work, live = Theme.objects.get(slug="work"), Theme.objects.get(slug="live")
    mentoring = WebinarFactory(title_en="Mentoring for work", starts_at=timezone.now() - timedelta(days=800))
    mentoring.themes.set([work])
    health = WebinarFactory(title_en="Ethnic health", starts_at=timezone.now() - timedelta(days=40))
    health.themes.set([live])

    response = client.get(url("list"), {"theme": "work"})
    assert list(response.context["archive"]) == [mentoring]
    response = client.get(url("list"), {"year": str(health.starts_at.year)})
    assert health in response.context["archive"]
    assert mentoring not in response.context["archive"]
    response = client.get(url("list"), {"q": "mentoring"})
    assert list(response.context["archive"]) == [mentoring]
    assert "1 webinar matches." in response.content.decode()
    response = client.get(url("list", "fr"), {"q": "xyzzy"})
    assert "0 webinaire correspond." in response.content.decode()


def test_transcript_is_searched(client):
    webinar = WebinarFactory(
        starts_at=timezone.now() - timedelta(days=5), transcript_en="We talked about interpreters in clinics."
    )
    response = client.get(url("list"), {"q": "interpreters"})
    assert list(response.context["archive"]) == [webinar]


@pytest.mark.parametrize(
    "query",
    [
        {"theme": "bogus"},
        {"theme": "x" * 500},
        {"theme": "\x00"},
        {"year": "abc"},
        {"year": "1850"},
        {"year": "²"},
        {"q": ""},
        {"page": "abc"},
    ],
)
def test_values_it_does_not_know_are_ignored_and_not_shown_as_applied(client, query):
    webinars = {WebinarFactory(starts_at=timezone.now() - timedelta(days=days)) for days in (5, 400)}
    response = client.get(url("list"), query)
    content = response.content.decode()
    assert response.status_code == 200
    assert set(response.context["archive"]) == webinars
    assert not response.context["filterset"].is_filtered
    assert "errorlist" not in content
    assert "Clear filters" not in content
    assert " selected>" not in content.replace('<option value="" selected>', "")  # every select shows "All …"


def test_unknown_theme_beside_a_known_year_filters_by_the_year(client):
    recent = WebinarFactory(starts_at=timezone.now() - timedelta(days=5))
    WebinarFactory(starts_at=timezone.now() - timedelta(days=800))
    response = client.get(url("list"), {"theme": "bogus", "year": str(recent.starts_at.year)})
    assert list(response.context["archive"]) == [recent]
    assert f'<option value="{recent.starts_at.year}" selected>' in response.content.decode()


def test_a_long_search_is_cut_not_refused(client):
    webinar = WebinarFactory(starts_at=timezone.now() - timedelta(days=5), transcript_en="Interpreters in clinics.")
    response = client.get(url("list"), {"q": "clinics " * 40})  # 320 characters, cut to 200
    assert response.status_code == 200
    assert list(response.context["archive"]) == [webinar]


def test_unknown_and_unpublished_slugs_are_404(client):
    hidden = WebinarFactory(status="draft")
    assert client.get(url("detail", slug="no-such-webinar")).status_code == 404
    assert client.get(url("detail", slug=hidden.slug)).status_code == 404
    assert client.get(url("event-detail", slug="no-such-event")).status_code == 404
    assert client.get(url("ics", slug="no-such-webinar")).status_code == 404


@pytest.mark.parametrize(("page", "shown"), [("999", 2), ("0", 1), ("abc", 1), ("9" * 30, 2)])
def test_a_page_that_is_not_a_page_shows_the_first_or_the_last(client, page, shown):
    for days in range(20):
        WebinarFactory(starts_at=timezone.now() - timedelta(days=days + 1))
    for path in (url("list"), url("events")):
        response = client.get(path, {"page": page})
        assert response.status_code == 200
    assert client.get(url("list"), {"page": page}).context["page_obj"].number == shown


def test_anonymous_visitor_is_asked_to_sign_in(client):
    webinar = WebinarFactory()
    response = client.get(url("detail", slug=webinar.slug))
    content = response.content.decode()
    assert "Sign in to register" in content
    assert f'href="{resolve_url(settings.LOGIN_URL)}?next=' in content
    assert webinar.join_url not in content


def test_anonymous_post_goes_to_the_login_page_and_get_is_refused(client):
    webinar = WebinarFactory()
    response = client.post(url("register", slug=webinar.slug))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert response["Location"].endswith(f"?next=/en/webinars/{webinar.slug}/")
    assert client.post(url("cancel", slug=webinar.slug)).status_code == 302
    assert client.get(url("register", slug=webinar.slug)).status_code == 405
    assert client.get(url("cancel", slug=webinar.slug)).status_code == 405
    assert Registration.objects.count() == 0


def test_register_and_cancel_with_buttons(client, member, mailoutbox, django_capture_on_commit_callbacks):
    webinar = WebinarFactory(capacity=5)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("register", slug=webinar.slug), follow=True)
    assert response.status_code == 200
    assert "You are registered" in response.content.decode()
    assert Registration.objects.get(user=member).status == "registered"
    assert len(mailoutbox) == 1

    response = client.post(url("cancel", slug=webinar.slug), follow=True)
    assert "Your registration is cancelled" in response.content.decode()
    assert Registration.objects.get(user=member).status == "cancelled"


def test_registering_for_a_past_webinar_is_refused_politely(client, member):
    webinar = WebinarFactory(starts_at=timezone.now() - timedelta(days=2))
    client.force_login(member)
    response = client.post(url("register", slug=webinar.slug), follow=True)
    assert response.status_code == 200
    assert "Registration for this webinar is closed" in response.content.decode()
    assert not Registration.objects.exists()


def test_join_link_visibility(client, member, other_member):
    starts_soon = WebinarFactory(
        starts_at=timezone.now() + timedelta(minutes=10), join_url="https://meet.example.org/soon"
    )
    starts_later = WebinarFactory(
        starts_at=timezone.now() + timedelta(hours=2), join_url="https://meet.example.org/later"
    )
    RegistrationFactory(webinar=starts_soon, user=member)
    RegistrationFactory(webinar=starts_later, user=member)
    RegistrationFactory(webinar=starts_soon, user=other_member, status=Registration.Status.WAITLISTED)

    assert "meet.example.org/soon" not in client.get(starts_soon.get_absolute_url()).content.decode()
    client.force_login(member)
    assert "meet.example.org/soon" in client.get(starts_soon.get_absolute_url()).content.decode()
    later = client.get(starts_later.get_absolute_url()).content.decode()
    assert "meet.example.org/later" not in later
    assert "The join link appears here 15 minutes before the start." in later
    client.force_login(other_member)
    assert "meet.example.org/soon" not in client.get(starts_soon.get_absolute_url()).content.decode()


def test_recording_is_click_to_load_after_the_webinar(client):
    upcoming = WebinarFactory(recording_url="https://www.youtube.com/watch?v=aQm4Lr7bX2c")
    past = WebinarFactory(
        starts_at=timezone.now() - timedelta(days=3),
        recording_url="https://www.youtube.com/watch?v=aQm4Lr7bX2c",
        transcript_en="Welcome, everyone.",
    )
    assert "Play the recording" not in client.get(upcoming.get_absolute_url()).content.decode()
    content = client.get(past.get_absolute_url()).content.decode()
    assert 'href="https://www.youtube.com/watch?v=aQm4Lr7bX2c"' in content
    assert 'data-embed="https://www.youtube-nocookie.com/embed/aQm4Lr7bX2c?autoplay=1"' in content
    assert "<iframe" not in content  # nothing is loaded from YouTube until the visitor clicks
    assert "Welcome, everyone." in content


def test_times_in_the_webinars_zone_with_offset(client):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    starts = datetime(2031, 1, 15, 14, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    webinar = WebinarFactory(starts_at=starts, ends_at=starts + timedelta(minutes=90), time_zone="Europe/Berlin")
    content = client.get(url("detail", "de", slug=webinar.slug)).content.decode()
    assert '<time datetime="2031-01-15T13:00:00Z">Mittwoch, 15. Januar 2031, 14:00</time>' in content
    assert "15:30</time> CET (UTC+01:00)" in content
    content = client.get(url("detail", "fr", slug=webinar.slug)).content.decode()
    assert "mercredi 15 janvier 2031, 14:00" in content


def test_event_programme_in_the_events_zone(client):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    event = EventFactory(time_zone="Asia/Kuala_Lumpur")
    starts = datetime(2018, 2, 8, 9, 0, tzinfo=ZoneInfo("Asia/Kuala_Lumpur"))
    SessionFactory(event=event, starts_at=starts, ends_at=starts + timedelta(minutes=30), title_en="Opening")
    content = client.get(event.get_absolute_url()).content.decode()
    assert '<time datetime="2018-02-08T01:00:00Z">09:00</time>' in content
    assert "UTC+08:00" in content
    assert "Opening" in content


def _queries(client, django_assert_max_num_queries, address, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["list", "events"])
def test_list_query_counts_do_not_grow(client, django_assert_max_num_queries, name):
    webinars_and_events(5)
    small = _queries(client, django_assert_max_num_queries, url(name), 5)
    webinars_and_events(50)
    with django_assert_max_num_queries(small):
        client.get(url(name))
    # Cold: when each one ends and the next scheduled publication are read once per content version,
    # so that the counts are kept until the next one is over (warm: one query).
    assert small <= 12


def test_detail_query_count_is_constant(client, django_assert_max_num_queries, member, cold):
    from tests.elibrary.factories import ResourceFactory
    from tests.goodideas.factories import GoodIdeaFactory

    webinar = WebinarFactory(speakers=[SpeakerFactory() for _ in range(2)], capacity=10)
    webinar.related_ideas.set(GoodIdeaFactory.create_batch(2))
    webinar.related_resources.set(ResourceFactory.create_batch(2))
    client.force_login(member)
    # 18 when nothing is kept: the themes, the cities and what webinars link to are read once per content
    # version (core.kept), the cards' rows when their cards are not kept.
    with django_assert_max_num_queries(18) as few:
        assert client.get(webinar.get_absolute_url()).status_code == 200
    webinar.webinar_speakers.all().delete()
    webinar.speakers.set([SpeakerFactory() for _ in range(8)])
    webinar.related_ideas.set(GoodIdeaFactory.create_batch(20))
    webinar.related_resources.set(ResourceFactory.create_batch(20))
    cold()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(webinar.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries) - 6):  # kept: the links and the cards
        assert client.get(webinar.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_webinars_page_names_its_speakers_then_its_moderator_in_order(client, language):
    webinar = WebinarFactory(speakers=[])
    other = WebinarFactory(speakers=[SpeakerFactory(name="Someone Else")])
    host = OrganisationFactory(name="City of Toronto")
    people = [
        SpeakerFactory(name="Ana Lima", organisation=host, city__name_fr="Lisbonne", city__name_en="Lisbon"),
        SpeakerFactory(name="Ben Okafor", organisation=None),
        SpeakerFactory(name="Chloé Roy", organisation=None),
    ]
    for order, (speaker, role) in enumerate(zip(people, ["speaker", "moderator", "speaker"], strict=True)):
        WebinarSpeaker.objects.create(webinar=webinar, speaker=speaker, role=role, order=3 - order)

    html = client.get(url("detail", language, slug=webinar.slug)).content.decode()
    client.get(url("detail", language, slug=other.slug))  # the same query, another webinar's values
    again = client.get(url("detail", language, slug=webinar.slug)).content.decode()

    names = [html.index(name) for name in ("Chloé Roy", "Ana Lima", "Ben Okafor")]
    assert names == sorted(names)  # speakers by their order, then the moderator
    assert "City of Toronto · " + {"en": "Lisbon", "fr": "Lisbonne"}[language] in html
    assert "Someone Else" not in html
    assert again == html


def test_single_calendar_parses_back(client):
    webinar = WebinarFactory(title_en="Libraries as first stops", time_zone="America/Toronto")
    response = client.get(url("ics", slug=webinar.slug))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Libraries as first stops"
    assert str(event["UID"]).startswith(f"webinar-{webinar.pk}@")
    assert event["DTSTAMP"]
    assert event["DTSTART"].params["TZID"] == "America/Toronto"
    assert event.decoded("DTSTART") == webinar.starts_at
    assert event.decoded("DTEND") == webinar.ends_at
    assert str(event["URL"]).endswith(webinar.get_absolute_url())
    assert "A webinar about cities." in str(event["DESCRIPTION"])
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["America/Toronto"]


def test_full_calendar_has_upcoming_webinars_and_events_only(client):
    upcoming = WebinarFactory()
    WebinarFactory(starts_at=timezone.now() - timedelta(days=3))
    event = EventFactory()
    EventFactory(starts_on=timezone.localdate() - timedelta(days=10), ends_on=timezone.localdate() - timedelta(days=9))
    response = client.get(url("calendar"))
    calendar = icalendar.Calendar.from_ical(response.content)
    uids = sorted(str(component["UID"]).split("@")[0] for component in calendar.walk("VEVENT"))
    assert uids == sorted([f"webinar-{upcoming.pk}", f"event-{event.pk}"])
    whole_days = next(c for c in calendar.walk("VEVENT") if str(c["UID"]).startswith("event-"))
    assert whole_days.decoded("DTSTART") == event.starts_on
    assert whole_days.decoded("DTEND") == event.ends_on + timedelta(days=1)


def test_full_calendar_describes_each_zone_once_before_the_events(client):
    for zone in ("Europe/London", "America/Toronto", "Europe/Berlin", "Europe/London"):
        WebinarFactory(time_zone=zone)
    EventFactory()

    for _ in range(2):  # the zones' rules are written once per process, then reused
        content = client.get(url("calendar")).content
        calendar = icalendar.Calendar.from_ical(content)

        assert [component.name for component in calendar.subcomponents] == ["VTIMEZONE"] * 3 + ["VEVENT"] * 5
        zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
        assert zones == ["America/Toronto", "Europe/Berlin", "Europe/London"]
        assert calendar.get_missing_tzids() == set()
        assert all(zone.walk("STANDARD") for zone in calendar.walk("VTIMEZONE"))


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_feeds_of_upcoming_webinars(client, language):
    upcoming = WebinarFactory(title_fr="Villes accueillantes", title_de="Willkommensstädte")
    WebinarFactory(title_en="Past", starts_at=timezone.now() - timedelta(days=3))
    for name in ("feed", "feed-atom"):
        response = client.get(url(name, language))
        assert response.status_code == 200
        parsed = feedparser.parse(response.content)
        assert [entry.link.split("/", 3)[-1] for entry in parsed.entries] == [
            url("detail", language, slug=upcoming.slug).lstrip("/")
        ]
    list_page = client.get(url("list", language)).content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in list_page
    assert f'href="{url("feed-atom", language)}"' in list_page


def test_home_page_shows_the_next_webinar_only_when_there_is_one(client, django_assert_max_num_queries):
    response = client.get("/en/")
    assert "next-webinar-heading" not in response.content.decode()
    WebinarFactory(title_en="Later", starts_at=timezone.now() + timedelta(days=40))
    WebinarFactory(title_en="The very next", starts_at=timezone.now() + timedelta(days=2))
    content = client.get("/en/").content.decode()
    assert "next-webinar-heading" in content
    assert "The very next" in content
    assert "Later" not in content


def test_urls_reverse_and_resolve():
    assert url("list") == "/en/webinars/"
    assert url("detail", "fr", slug="x") == "/fr/webinars/x/"
    assert url("ics", slug="x") == "/en/webinars/x.ics"
    assert url("calendar") == "/en/webinars/calendar.ics"
    assert url("feed") == "/en/webinars/feed/"
    assert url("feed-atom") == "/en/webinars/feed/atom/"
    assert url("events", "de") == "/de/events/"
    assert url("event-detail", slug="x") == "/en/events/x/"


def test_sitemap_lists_webinars_and_events_in_the_languages_they_are_written_in(client):
    webinar = WebinarFactory(title_fr="Webinaire", title_de="Webinar auf Deutsch")
    event = EventFactory(title_fr="Conférence")
    WebinarFactory(slug="draft-one", status="draft")
    content = client.get("/sitemap.xml").content.decode()
    for language in ("en", "fr", "de"):
        assert url("detail", language, slug=webinar.slug) in content
        assert url("list", language) in content
    assert url("event-detail", "en", slug=event.slug) in content
    assert url("event-detail", "fr", slug=event.slug) in content
    assert url("event-detail", "de", slug=event.slug) not in content
    assert "draft-one" not in content


def test_event_detail_query_count_is_constant(client, django_assert_max_num_queries):
    event = EventFactory()
    for _ in range(30):
        SessionFactory(event=event)
    with django_assert_max_num_queries(4):
        assert client.get(event.get_absolute_url()).status_code == 200


def test_event_calendar_is_whole_days_and_unknown_event_is_404(client):
    event = EventFactory(title_en="Metropolis")
    response = client.get(url("event-ics", slug=event.slug))
    (component,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(component["SUMMARY"]) == "Metropolis"
    assert component.decoded("DTSTART") == event.starts_on
    assert client.get(url("event-ics", slug="nope")).status_code == 404
    assert f'href="{url("event-ics", slug=event.slug)}"' in client.get(event.get_absolute_url()).content.decode()


def test_good_idea_pages_list_the_webinars_that_discuss_it(client):
    from tests.goodideas.factories import GoodIdeaFactory

    idea, other = GoodIdeaFactory(), GoodIdeaFactory()
    webinar = WebinarFactory(title_en="Mentoring talk")
    webinar.related_ideas.set([idea])
    WebinarFactory(title_en="Unrelated")

    html = client.get(idea.get_absolute_url()).content.decode()

    assert f'<a href="{webinar.get_absolute_url()}">Mentoring talk</a>' in html
    assert "Unrelated" not in html
    assert "Discussed in the Learning Exchange" not in client.get(other.get_absolute_url()).content.decode()


def test_which_webinars_discuss_each_idea_is_read_once_per_content_version(django_assert_num_queries):
    from tests.goodideas.factories import GoodIdeaFactory
    from webinars.templatetags.webinar_tags import idea_webinars

    idea, other = GoodIdeaFactory(), GoodIdeaFactory()
    webinar = WebinarFactory(title_en="Mentoring talk")
    webinar.related_ideas.set([idea])
    assert list(idea_webinars(idea)) == [webinar]  # reads which ideas webinars name, once per content version
    # Outside a request the content version is read at each use: for an idea no webinar names, no other query.
    with django_assert_num_queries(1) as queries:
        assert list(idea_webinars(other)) == []
    assert "core_contentversion" in queries.captured_queries[0]["sql"]
