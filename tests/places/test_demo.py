"""The demo places: loading twice changes nothing; the cities the seeds name are there, in three languages."""

from places.models import City


def test_loading_the_demo_twice_changes_no_place(demo_loaded_twice):
    first, second = demo_loaded_twice
    assert first["places.City"]
    assert first["places.Organisation"]
    for label in ("places.Country", "places.City", "places.Organisation"):
        assert first[label] == second[label], label


def test_the_demo_has_the_cities_the_seeds_name(demo_loaded_twice):
    for slug, german in [("geneva", "Genf"), ("kuala-lumpur", "Kuala Lumpur"), ("the-hague", "Den Haag")]:
        city = City.objects.get(slug=slug)
        assert city.name_de == german
        assert city.name_fr
