"""factory_boy factories of Good Ideas."""

import factory
from django.utils import timezone

from goodideas.models import Adaptation, FurtherReading, GoodIdea
from places.models import Theme
from tests.places.factories import CityFactory, OrganisationFactory


class GoodIdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodIdea
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Good Idea {n}")
    title = factory.SelfAttribute("title_en")
    slug = factory.Sequence(lambda n: f"good-idea-{n}")
    teaser_en = "A practice that works."
    teaser = factory.SelfAttribute("teaser_en")
    body_en = "<p>How it works.</p>"
    city = factory.SubFactory(CityFactory)
    organisation = factory.SubFactory(OrganisationFactory, city=factory.SelfAttribute("..city"))
    status = GoodIdea.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else Theme.objects.filter(slug="work"))


class FurtherReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FurtherReading

    idea = factory.SubFactory(GoodIdeaFactory)
    title_en = factory.Sequence(lambda n: f"Report {n}")
    title = factory.SelfAttribute("title_en")
    url = factory.Sequence(lambda n: f"https://example.org/report-{n}")


def idea_with(*, themes=(), tags=(), partners=0, reading=0, **kwargs):
    """A published idea with the given theme slugs, tag names, and numbers of partners and links."""
    idea = GoodIdeaFactory(themes=list(Theme.objects.filter(slug__in=themes)) if themes else None, **kwargs)
    if tags:
        idea.tags.set(list(tags))
    if partners:
        idea.partners.set(OrganisationFactory.create_batch(partners, city=idea.city))
    for _ in range(reading):
        FurtherReadingFactory(idea=idea)
    return idea


def ideas_in_cities(count, places):
    cities = list(places.values())
    for number in range(count):
        idea_with(
            city=cities[number % 3],
            themes=["work", "learn"],
            tags=[f"tag{number % 7}", "shared"],
            year_started=2000 + number % 10,
        )


class AdaptationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adaptation

    idea = factory.SubFactory(GoodIdeaFactory)
    city = factory.SubFactory(CityFactory)
    year = 2019
