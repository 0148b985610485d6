"""Demo content: the countries and cities that the seed documents name (places/demo/places.json), and the
tags of the demo ideas and resources with their French and German names (places/demo/tags.json).

A city's `figures` are published figures with their year and source (national statistics offices); a
figure not known is left out, and the city page says "not known". Its `birth_countries`, if any, are
its largest countries of birth, each with the same details.
"""

from core.demo import read, save
from places.models import BirthCountry, City, Country, Tag


def load() -> str:
    data = read(__file__, "places.json")
    countries = {
        item["slug"]: save(
            Country,
            {"slug": item["slug"]},
            fields={"code": item["code"], "region": item["region"]},
            texts={"name": item["name"]},
        )
        for item in data["countries"]
    }
    for item in data["cities"]:
        city = save(
            City,
            {"slug": item["slug"]},
            fields={
                "country": countries[item["country"]],
                "latitude": item["latitude"],
                "longitude": item["longitude"],
                **item.get("figures", {}),
            },
            texts={"name": item["name"], "profile": item.get("profile", {})},
        )
        for birth in item.get("birth_countries", []):
            fields = {key: value for key, value in birth.items() if key != "name"}
            save(
                BirthCountry,
                {"city": city, "name_en": birth["name"]["en"]},
                fields=fields,
                texts={"name": birth["name"]},
            )
    tags = read(__file__, "tags.json")
    for item in tags:
        # Found by its English name, as taggit finds it: the ideas' and resources' loaders link them by it.
        save(Tag, {"name": item["en"]}, fields={"name_fr": item["fr"], "name_de": item["de"]})
    return f"{len(countries)} countries, {len(data['cities'])} cities, {len(tags)} tags"
