from datetime import timedelta

import factory
from django.utils import timezone

from places.models import Theme
from tests.places.factories import CityFactory
from webinars.models import Event, Registration, Session, Speaker, Webinar, WebinarSpeaker


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    role_en = "Integration officer"
    role = factory.SelfAttribute("role_en")
    city = factory.SubFactory(CityFactory)


class WebinarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Webinar
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Webinar {n}")
    title = factory.SelfAttribute("title_en")
    slug = factory.Sequence(lambda n: f"webinar-{n}")
    summary_en = "A webinar about cities."
    summary = factory.SelfAttribute("summary_en")
    description_en = "<p>What we will talk about.</p>"
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    time_zone = "Europe/Berlin"
    status = Webinar.Status.PUBLISHED
    join_url = "https://meet.example.org/room-42"

    @factory.post_generation
    def speakers(self, create, extracted, **kwargs):
        if create and extracted:
            for order, speaker in enumerate(extracted):
                WebinarSpeaker.objects.create(webinar=self, speaker=speaker, order=order)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    webinar = factory.SubFactory(WebinarFactory)
    status = Registration.Status.REGISTERED


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title_en = factory.Sequence(lambda n: f"Conference {n}")
    title = factory.SelfAttribute("title_en")
    slug = factory.Sequence(lambda n: f"conference-{n}")
    summary_en = "Cities meet."
    summary = factory.SelfAttribute("summary_en")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=1))
    city = factory.SubFactory(CityFactory)
    status = Event.Status.PUBLISHED


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    starts_at = factory.LazyFunction(timezone.now)
    title_en = factory.Sequence(lambda n: f"Session {n}")
    title = factory.SelfAttribute("title_en")


def webinars_and_events(count):
    theme = Theme.objects.get(slug="work")
    speaker = SpeakerFactory()
    for n in range(count):
        for starts_at in (timezone.now() + timedelta(days=n + 1), timezone.now() - timedelta(days=n + 1)):
            webinar = WebinarFactory(starts_at=starts_at, speakers=[speaker])
            webinar.themes.set([theme])
        event = EventFactory(starts_on=timezone.localdate() - timedelta(days=400 + n))
        SessionFactory(event=event)
