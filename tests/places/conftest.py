import pytest

from tests.places.factories import CityFactory, CountryFactory


# From test_typed_places.py
@pytest.fixture
def zurich():
    switzerland = CountryFactory(
        name_en="Switzerland", name_fr="Suisse", name_de="Schweiz", slug="switzerland", code="CH"
    )
    return CityFactory(name_en="Zürich", name_fr="Zurich", slug="zurich", country=switzerland)
