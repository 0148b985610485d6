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


def test_every_demo_figure_says_its_year_and_source():
    """A figure without its publication cannot be checked; a figure not known stays out (the page says so)."""
    import json
    from pathlib import Path

    import places

    data = json.loads((Path(places.__file__).parent / "demo" / "places.json").read_text())
    for city in data["cities"]:
        figures = city.get("figures", {})
        for figure, prefix in (("population", "population"), ("foreign_born_share", "foreign_born")):
            if figure in figures:
                assert figures[f"{prefix}_year"], (city["slug"], figure)
                assert figures[f"{prefix}_source"], (city["slug"], figure)
        for birth in city.get("birth_countries", []):
            assert birth["year"], city["slug"]
            assert birth["source"], city["slug"]
