#!/usr/bin/env python
"""Synthetic Good Ideas for timing the pages: `bench/generate_ideas.py --ideas 10000 --cities 500`.

Writes into the configured database (DATABASE_URL) with bulk_create: countries, cities, organisations,
published ideas in three languages with themes and tags. Everything it makes has a slug starting
with "bench-"; `--clear` removes it (and nothing else). Run it again to replace the previous set.
"""

import argparse
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citiesofmigration.settings")

import django

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import transaction  # noqa: E402

from core import db, versioning  # noqa: E402
from goodideas.models import GoodIdea  # noqa: E402
from places.models import City, Country, Organisation, Region, Tag, TaggedItem, Theme  # noqa: E402

PREFIX = "bench-"
WORDS = {
    "en": [
        "newcomers",
        "refugees",
        "mentoring",
        "library",
        "museum",
        "language",
        "jobs",
        "housing",
        "health",
        "school",
        "neighbours",
        "city",
        "council",
        "volunteers",
        "employers",
        "welcome",
        "training",
        "youth",
        "women",
        "families",
        "citizenship",
        "business",
        "network",
        "dialogue",
    ],
    "fr": [
        "nouveaux",
        "réfugiés",
        "mentorat",
        "bibliothèque",
        "musée",
        "langue",
        "emplois",
        "logement",
        "santé",
        "école",
        "voisins",
        "ville",
        "conseil",
        "bénévoles",
        "employeurs",
        "accueil",
        "formation",
        "jeunes",
        "femmes",
        "familles",
        "citoyenneté",
        "entreprise",
        "réseau",
        "dialogue",
    ],
    "de": [
        "Neuankömmlinge",
        "Geflüchtete",
        "Mentoring",
        "Bibliothek",
        "Museum",
        "Sprache",
        "Arbeit",
        "Wohnen",
        "Gesundheit",
        "Schule",
        "Nachbarn",
        "Stadt",
        "Rat",
        "Ehrenamtliche",
        "Arbeitgeber",
        "Willkommen",
        "Ausbildung",
        "Jugend",
        "Frauen",
        "Familien",
        "Einbürgerung",
        "Netzwerk",
    ],
}
TAGS = [f"{PREFIX}{word}" for word in WORDS["en"]]
# Rarer words, so that a search can also be selective as real ones are: each idea gets three of these
# 216 made-up words ("kalomi", "suteka", ...), each word so in about 1.4 % of the ideas.
SYLLABLES = ["ka", "lo", "mi", "ra", "te", "su"]
RARE_WORDS = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES]


def words(rng, language, count):
    return " ".join(rng.choice(WORDS[language]) for _ in range(count))


def clear():
    ideas = GoodIdea.objects.filter(slug__startswith=PREFIX)
    content_type = ContentType.objects.get_for_model(GoodIdea)
    TaggedItem.objects.filter(content_type=content_type, object_id__in=ideas.values("pk")).delete()
    ideas.delete()
    Organisation.objects.filter(city__slug__startswith=PREFIX).delete()
    City.objects.filter(slug__startswith=PREFIX).delete()
    Country.objects.filter(slug__startswith=PREFIX).delete()
    Tag.objects.filter(slug__startswith=PREFIX).delete()


@transaction.atomic
def generate(ideas: int, cities: int, seed: int = 1):
    rng = random.Random(seed)  # one generator, drawn in the same order every run: the same data for a seed
    clear()
    city_objects, organisations = make_places(rng, cities)
    idea_objects = make_ideas(rng, ideas, city_objects, organisations)
    connect_ideas(rng, idea_objects)
    versioning.bump()  # bulk_create sends no signal: cached counts must count again
    db.analyze(Country, City, Organisation, GoodIdea, Tag, TaggedItem)  # after the commit
    return len(idea_objects), len(city_objects)


def make_places(rng: random.Random, cities: int) -> tuple[list[City], list[Organisation]]:
    """Countries, `cities` cities spread over them, and one organisation in each city."""
    regions = Region.values
    countries = Country.objects.bulk_create(
        Country(
            slug=f"{PREFIX}country-{n}",
            code=f"{n // 26 % 10}{chr(65 + n % 26)}",  # a digit first: no real ISO code looks like this
            region=regions[n % len(regions)],
            name=f"Benchland {n}",
            name_en=f"Benchland {n}",
            name_fr=f"Benchlande {n}",
            name_de=f"Benchland {n}",
        )
        for n in range(min(260, max(1, cities // 10)))
    )
    city_objects = City.objects.bulk_create(
        City(
            slug=f"{PREFIX}city-{n}",
            country=countries[n % len(countries)],
            latitude=rng.uniform(-55, 70),
            longitude=rng.uniform(-170, 175),
            population=rng.randint(50_000, 9_000_000),
            name=f"Bench City {n}",
            name_en=f"Bench City {n}",
            name_fr=f"Ville banc {n}",
            name_de=f"Bankstadt {n}",
        )
        for n in range(cities)
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Bench organisation {n}", city=city, kind="ngo") for n, city in enumerate(city_objects)
    )
    return city_objects, organisations


def idea_texts(rng: random.Random, n: int) -> dict:
    """Title, teaser and body of idea `n` in the three languages (the English body with rare words)."""
    fields = {}
    for language in ("en", "fr", "de"):
        fields[f"title_{language}"] = f"{words(rng, language, 4).capitalize()} {n}"
        fields[f"teaser_{language}"] = words(rng, language, 18).capitalize() + "."
        fields[f"body_{language}"] = "<p>" + words(rng, language, 120) + "</p>"
    fields["body_en"] += "<p>" + " ".join(rng.sample(RARE_WORDS, 3)) + "</p>"
    fields["title"], fields["teaser"], fields["body"] = fields["title_en"], fields["teaser_en"], fields["body_en"]
    return fields


def make_ideas(rng: random.Random, ideas: int, city_objects, organisations) -> list[GoodIdea]:
    now = datetime.now(UTC)
    idea_objects = []
    for n in range(ideas):
        city_index = rng.randrange(len(city_objects))
        fields = idea_texts(rng, n)
        idea_objects.append(
            GoodIdea(
                slug=f"{PREFIX}idea-{n}",
                city=city_objects[city_index],
                organisation=organisations[city_index],
                year_started=rng.randint(1995, 2024),
                stage="running" if rng.random() < 0.6 else "ended",
                status=GoodIdea.Status.PUBLISHED,
                published_at=now - timedelta(days=rng.randint(1, 5000), minutes=n),
                **fields,
            )
        )
    return GoodIdea.objects.bulk_create(idea_objects, batch_size=1000)


def connect_ideas(rng: random.Random, idea_objects: list[GoodIdea]) -> None:
    """One or two themes and one to four tags on each idea."""
    themes = list(Theme.objects.all())
    through = GoodIdea.themes.through
    through.objects.bulk_create(
        (
            through(goodidea_id=idea.pk, theme_id=theme.pk)
            for idea in idea_objects
            for theme in rng.sample(themes, rng.randint(1, 2))
        ),
        batch_size=5000,
    )
    tags = Tag.objects.bulk_create(Tag(name=slug.removeprefix(PREFIX) + " (bench)", slug=slug) for slug in TAGS)
    content_type = ContentType.objects.get_for_model(GoodIdea)
    TaggedItem.objects.bulk_create(
        (
            TaggedItem(content_type=content_type, object_id=idea.pk, tag=tag)
            for idea in idea_objects
            for tag in rng.sample(tags, rng.randint(1, 4))
        ),
        batch_size=5000,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=10_000)
    parser.add_argument("--cities", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clear", action="store_true", help="only remove the generated data")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.clear:
        with transaction.atomic():
            clear()
        print(f"removed the generated data in {time.perf_counter() - started:.1f} s")
        return
    made_ideas, made_cities = generate(args.ideas, args.cities, args.seed)
    print(f"{made_ideas} ideas across {made_cities} cities in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
