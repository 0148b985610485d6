"""factory_boy factories of the places every app shares: countries, cities, organisations."""

import factory

from places.models import City, Country, Organisation


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
