import datetime

import pytest
from django.utils import timezone

from goodideas.models import GoodIdea
from tests.goodideas.factories import idea_with
from tests.places.factories import CityFactory, CountryFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def _no_facet_cache(settings):
    """Count facets afresh on every request (test_facet_cache.py tests the cache itself)."""
    settings.LIST_COUNTS_CACHE_SECONDS = 0


# From test_admin.py
@pytest.fixture
def draft():
    return idea_with(title_en="A draft idea", slug="a-draft-idea", status=GoodIdea.Status.DRAFT, published_at=None)


# From test_detail.py
@pytest.fixture
def idea():
    city = CityFactory(
        name_en="Berlin",
        name_fr="Berlin",
        slug="berlin",
        population=3700000,
        population_source="Statistik Berlin",
        population_year=2023,
        foreign_born_share="24.5",
        foreign_born_source="Mikrozensus",
        foreign_born_year=2022,
        profile_en="A city of newcomers.",
    )
    return idea_with(
        title_en="Museums welcome refugees",
        title_fr="Les musées accueillent les réfugiés",
        teaser_en="Guides lead tours in Arabic.",
        body_en="<h2>How it works</h2><p>Trained guides.</p>",
        body_fr="<h2>Comment ça marche</h2><p>Des guides formés.</p>",
        city=city,
        organisation=OrganisationFactory(name="State Museums", city=city, website="https://museum.example"),
        themes=["connect", "learn"],
        tags=["museums", "refugees"],
        partners=2,
        reading=2,
        year_started=2015,
        stage="running",
        beneficiaries_en="Refugees and museum visitors.",
        results_en="Tours for thousands.",
        adaptation_en="Any museum can hire guides.",
        contact_name="Ana Example",
        contact_role_en="Coordinator",
        contact_email="ana@example.org",
        contact_phone="+49 30 123",
        contact_website="https://multaqa.example",
        image_alt_en="A guide in a gallery",
        slug="museums-welcome-refugees",
    )


# From test_facet_cache.py
@pytest.fixture
def _cache_on(settings):
    settings.LIST_COUNTS_CACHE_SECONDS = 60


# From test_list.py
@pytest.fixture
def places():
    germany = CountryFactory(name_en="Germany", name_fr="Allemagne", slug="germany", code="DE", region="europe")
    canada = CountryFactory(name_en="Canada", slug="canada", code="CA", region="north-america")
    return {
        "berlin": CityFactory(name_en="Berlin", slug="berlin", country=germany),
        "cologne": CityFactory(name_en="Cologne", name_fr="Cologne", name_de="Köln", slug="cologne", country=germany),
        "toronto": CityFactory(name_en="Toronto", slug="toronto", country=canada),
    }


@pytest.fixture
def list_ideas(places):
    now = timezone.now()
    return {
        "museum": idea_with(
            title_en="Museums welcome refugees",
            city=places["berlin"],
            themes=["connect", "learn"],
            tags=["museums", "refugees"],
            year_started=2015,
            stage="running",
            published_at=now - datetime.timedelta(days=3),
        ),
        "library": idea_with(
            title_en="Library language cafe",
            city=places["cologne"],
            themes=["learn"],
            tags=["libraries"],
            year_started=2016,
            stage="ended",
            published_at=now - datetime.timedelta(days=2),
        ),
        "jobs": idea_with(
            title_en="Coffee shop hires newcomers",
            city=places["toronto"],
            themes=["work"],
            tags=["employment", "refugees"],
            year_started=2017,
            stage="running",
            published_at=now - datetime.timedelta(days=1),
        ),
        "draft": idea_with(
            title_en="Secret draft", city=places["berlin"], status=GoodIdea.Status.DRAFT, published_at=None
        ),
    }


# From test_open_data.py
@pytest.fixture
def open_data_ideas():
    germany = CountryFactory(name_en="Germany", name_fr="Allemagne", slug="germany", code="DE")
    berlin = CityFactory(name_en="Berlin", slug="berlin", country=germany)
    toronto = CityFactory(name_en="Toronto", slug="toronto")
    return [
        idea_with(
            title_en="Museums welcome refugees",
            title_fr="Les musées accueillent les réfugiés",
            slug="museums",
            city=berlin,
            organisation=OrganisationFactory(name="State Museums", city=berlin),
            themes=["connect", "learn"],
            tags=["museums", "refugees"],
        ),
        idea_with(title_en="Jobs", slug="jobs", city=toronto, themes=["work"]),
        idea_with(title_en="Draft", slug="draft", city=berlin, status=GoodIdea.Status.DRAFT),
    ]


# From test_places.py
@pytest.fixture
def berlin():
    germany = CountryFactory(name_en="Germany", name_fr="Allemagne", name_de="Deutschland", slug="germany", code="DE")
    return CityFactory(
        name_en="Berlin", slug="berlin", country=germany, latitude=52.5, longitude=13.4, profile_en="Capital city."
    )


# From test_submit.py
@pytest.fixture
def city():
    return CityFactory(name_en="Lisbon", slug="lisbon")


# From test_cities.py
@pytest.fixture
def like_places():
    """Cities with figures: Hamburg is Berlin's size, Lyon shares its share born abroad, Toronto is far."""
    germany = CountryFactory(name_en="Germany", name_fr="Allemagne", name_de="Deutschland", slug="germany", code="DE")
    france = CountryFactory(name_en="France", slug="france", code="FR", region="europe")
    canada = CountryFactory(name_en="Canada", slug="canada", code="CA", region="north-america")

    def city(slug, country, population, share, **extra):
        return CityFactory(
            name_en=slug.title(), slug=slug, country=country, population=population, foreign_born_share=share, **extra
        )

    return {
        "berlin": city(
            "berlin",
            germany,
            1234567,
            "24.5",
            population_year=2022,
            population_source="Zensus 2022",
            population_source_url="https://www.zensus2022.de/",
        ),
        "hamburg": city("hamburg", germany, 1800000, None),
        "lyon": city("lyon", france, 520000, "25.0"),
        "toronto": city("toronto", canada, 2794356, "47.0"),
        "nowhere": city("nowhere", france, None, None),
    }
