"""factory_boy factories shared by the tests of every app."""

import factory
from django.utils import timezone

from goodideas.models import City, Country, FurtherReading, GoodIdea, Organisation, Theme


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("slug",)

    name_en = factory.Sequence(lambda n: f"Country {n}")
    name = factory.SelfAttribute("name_en")
    slug = factory.Sequence(lambda n: f"country-{n}")
    code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    region = "europe"


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ("slug",)

    name_en = factory.Sequence(lambda n: f"City {n}")
    name = factory.SelfAttribute("name_en")
    slug = factory.Sequence(lambda n: f"city-{n}")
    country = factory.SubFactory(CountryFactory)
    latitude = 50.0
    longitude = 10.0


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.NGO
    city = factory.SubFactory(CityFactory)


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
