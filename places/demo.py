"""Demo content: the countries and cities that the seed documents name (places/demo/places.json), and the
tags of the demo ideas and resources with their French and German names (places/demo/tags.json)."""

from core.demo import read, save
from places.models import City, Country, Tag


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
        save(
            City,
            {"slug": item["slug"]},
            fields={
                "country": countries[item["country"]],
                "latitude": item["latitude"],
                "longitude": item["longitude"],
            },
            texts={"name": item["name"], "profile": item.get("profile", {})},
        )
    tags = read(__file__, "tags.json")
    for item in tags:
        # Found by its English name, as taggit finds it: the ideas' and resources' loaders link them by it.
        save(Tag, {"name": item["en"]}, fields={"name_fr": item["fr"], "name_de": item["de"]})
    return f"{len(countries)} countries, {len(data['cities'])} cities, {len(tags)} tags"
