"""Demo content: the countries and cities that the seed documents name (places/demo/places.json)."""

import json
from pathlib import Path

from core.demo import translated
from places.models import City, Country

DEMO_DIR = Path(__file__).resolve().parent / "demo"


def load() -> str:
    data = json.loads((DEMO_DIR / "places.json").read_text())
    countries = {}
    for item in data["countries"]:
        countries[item["slug"]], _ = Country.objects.update_or_create(
            slug=item["slug"],
            defaults={"code": item["code"], "region": item["region"], **translated("name", item["name"])},
        )
    for item in data["cities"]:
        City.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "country": countries[item["country"]],
                "latitude": item["latitude"],
                "longitude": item["longitude"],
                **translated("name", item["name"]),
                **translated("profile", item.get("profile", {})),
            },
        )
    return f"{len(countries)} countries, {len(data['cities'])} cities"
