"""Demo content: the countries and cities that the seed documents name (places/demo/places.json)."""

from core.demo import read, save
from places.models import City, Country


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
    return f"{len(countries)} countries, {len(data['cities'])} cities"
