from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.embeds import embed_url, validate_video_url
from tests.webinars.factories import RegistrationFactory, WebinarFactory
from webinars.models import Registration, Webinar, validate_time_zone

pytestmark = pytest.mark.django_db


def test_upcoming_and_archived_follow_the_clock():
    now = timezone.now()
    past = WebinarFactory(starts_at=now - timedelta(days=3))
    under_way = WebinarFactory(starts_at=now - timedelta(minutes=10))
    future = WebinarFactory(starts_at=now + timedelta(days=3))

    assert list(Webinar.objects.upcoming()) == [under_way, future]
    assert list(Webinar.objects.archived()) == [past]
    # The same rows, a week later: everything is archived, with no flag changed.
    later = now + timedelta(days=7)
    assert list(Webinar.objects.upcoming(later)) == []
    assert set(Webinar.objects.archived(later)) == {past, under_way, future}
    assert future.is_upcoming(now)
    assert future.is_archived(later)


def test_time_zone_must_be_a_real_zone():
    validate_time_zone("America/Toronto")
    with pytest.raises(ValidationError):
        validate_time_zone("Mars/Olympus_Mons")


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=aQm4Lr7bX2c",
            "https://www.youtube-nocookie.com/embed/aQm4Lr7bX2c?autoplay=1",
        ),
        ("https://youtu.be/aQm4Lr7bX2c", "https://www.youtube-nocookie.com/embed/aQm4Lr7bX2c?autoplay=1"),
        ("https://vimeo.com/112233445", "https://player.vimeo.com/video/112233445?autoplay=1&dnt=1"),
    ],
)
def test_recordings_play_from_youtube_nocookie_or_vimeo(url, embed):
    validate_video_url(url)
    assert embed_url(url, autoplay=True) == embed


@pytest.mark.parametrize("url", ["https://example.org/video.mp4", "http://www.youtube.com/watch?v=aQm4Lr7bX2c"])
def test_other_video_addresses_are_refused(url):
    with pytest.raises(ValidationError):
        validate_video_url(url)


def test_join_link_only_for_registrants_inside_the_window(member):
    now = timezone.now()
    webinar = WebinarFactory(starts_at=now + timedelta(hours=1))
    registration = RegistrationFactory(webinar=webinar, user=member)

    assert not webinar.join_link_visible(None, now + timedelta(minutes=50))
    assert not webinar.join_link_visible(registration, now + timedelta(minutes=44))
    assert webinar.join_link_visible(registration, now + timedelta(minutes=45))
    assert webinar.join_link_visible(registration, now + timedelta(minutes=90))
    assert not webinar.join_link_visible(registration, now + timedelta(minutes=120))
    registration.status = Registration.Status.WAITLISTED
    assert not webinar.join_link_visible(registration, now + timedelta(minutes=50))


def test_end_before_start_is_refused():
    webinar = WebinarFactory.build(starts_at=timezone.now(), ends_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError):
        webinar.clean()


@pytest.mark.parametrize("slug", ["calendar", "feed"])
def test_slugs_of_the_list_pages_are_reserved(slug):
    webinar = WebinarFactory.build(slug=slug)
    with pytest.raises(ValidationError):
        webinar.clean()
