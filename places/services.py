"""Cities typed by proposers and members: matching them to the portal's cities, and the editors' review.

Names are compared folded: without accents, case, punctuation or extra spaces, in every language the
portal keeps ("zurich" is "Zürich", "Munich" is "München"). A typed city that matches one of the
portal's cities in the same country is that city; anything else waits as a TypedPlace until an
editor confirms it as a new city or merges it into an existing one. No city is ever created without
an editor, and never twice.

What waits for a typed place lives in other apps (a proposed Good Idea, a member's profile): each
registers, from its AppConfig.ready(), how it gets the city once an editor has chosen it
(`register_waiting`).
"""

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from places.models import City, Country, TypedPlace

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# How alike two folded names must be (difflib ratio) for an editor to be offered the existing city.
SIMILAR = 0.8


def fold(text: str) -> str:
    """`text` for comparison: no accents, lower case, punctuation and runs of spaces as one space."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[\W_]+", " ", plain.casefold()).split())


def _names(obj) -> set[str]:
    return {fold(getattr(obj, f"name_{code}", "") or "") for code in LANGUAGE_CODES} - {""} | {fold(obj.name)}


def country_matching(text: str) -> Country | None:
    """The known country `text` names (in any language, or its ISO code), if any."""
    folded = fold(text)
    if not folded:
        return None
    for country in Country.objects.all():
        if folded in _names(country) or folded == country.code.casefold():
            return country
    return None


def cities_matching(name: str, country: Country | None = None) -> list[City]:
    """The portal's cities whose name, in any language, is `name` folded (in `country`, when given)."""
    folded = fold(name)
    cities = City.objects.select_related("country")
    if country is not None:
        cities = cities.filter(country=country)
    return [city for city in cities if folded in _names(city)]


def similar_cities(place: TypedPlace, limit: int = 5) -> list[City]:
    """Existing cities an editor may merge `place` into: same name first, then names alike, in the
    typed country first."""
    folded = fold(place.city_name)
    scored = []
    for city in City.objects.select_related("country"):
        score = max(difflib.SequenceMatcher(None, folded, name).ratio() for name in _names(city))
        if score >= SIMILAR:
            same_country = place.country_id == city.country_id
            scored.append((score == 1, same_country, score, city))
    scored.sort(key=lambda item: (not item[0], not item[1], -item[2], item[3].name))
    return [item[3] for item in scored[:limit]]


def place_typed(*, city_name: str, country_text: str) -> City | TypedPlace:
    """Where a city typed in a form belongs: a city of the portal that has this name in this country,
    a city an editor already chose for the same typed place, or else a TypedPlace to review (one per
    typed place: a second person typing it joins the first)."""
    city_name = " ".join(city_name.split())
    country_text = " ".join(country_text.split())
    country = country_matching(country_text)
    if country is not None:
        found = cities_matching(city_name, country)
        if len(found) == 1:
            return found[0]
    folded = fold(city_name)
    for place in TypedPlace.objects.filter(country=country).select_related("city"):
        if fold(place.city_name) != folded:
            continue
        if country is None and fold(place.country_name) != fold(country_text):
            continue
        return place.city if place.city_id else place
    return TypedPlace.objects.create(city_name=city_name, country=country, country_name="" if country else country_text)


def _unique_slug(name: str) -> str:
    base = (slugify(name) or "city")[:45]
    slug, number = base, 1
    while City.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@dataclass(frozen=True)
class Waiting:
    """Something in another app that waits for typed places (proposed ideas, members' profiles)."""

    resolve: Callable[[TypedPlace, City], int]  # give it the city; returns how many got it
    items: Callable[[TypedPlace], Iterable] | None = None  # what the review page lists (with admin links)
    label: str = ""  # the heading of those items on the review page, e.g. "Proposals from there"


WAITING: dict[str, Waiting] = {}


def register_waiting(name: str, *, resolve, items=None, label="") -> None:
    """Tell the places app about things that wait for a typed place: called from an AppConfig.ready()."""
    WAITING[name] = Waiting(resolve=resolve, items=items, label=label)


@transaction.atomic
def place_resolve(*, place: TypedPlace, city: City) -> int:
    """The typed place is `city`: everything waiting for it (ideas, member profiles) gets that city.

    Returns how many things it gave the city to.
    """
    place.city = city
    place.resolved_at = timezone.now()
    place.save(update_fields=["city", "resolved_at"])
    return sum(waiting.resolve(place, city) for waiting in WAITING.values())


@transaction.atomic
def place_confirm(*, place: TypedPlace, name: str, country: Country, latitude: float, longitude: float) -> City:
    """Add the typed place as a new city of the portal; refused if `country` already has a city of
    that name (merge into it instead)."""
    name = " ".join(name.split())
    existing = cities_matching(name, country)
    if existing:
        raise ValidationError(
            _("%(city)s is already in the portal: merge the typed city into it instead.")
            % {"city": f"{existing[0].name}, {existing[0].country.name}"},
            code="duplicate",
        )
    city = City(
        slug=_unique_slug(name),
        country=country,
        latitude=latitude,
        longitude=longitude,
        **{f"name_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}": name},
    )
    city.full_clean()
    city.save()
    place_resolve(place=place, city=city)
    return city
