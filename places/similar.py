"""Cities like mine: the cities closest to a city, or to figures a visitor gives, and why.

Closeness adds three distances, each 0 when equal:
- size: the difference of the populations on a log scale, one unit for a factor of ten;
- share born abroad: the difference in percentage points, one unit for 20 points;
- region: half a unit when the regions differ.
A figure unknown on either side counts as one unit (as far as a city ten times larger), so that
cities whose figures are known come first. The reason names what is alike: a size within a factor
of two, a share within five points, the same region.
"""

import heapq
import math
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

HOW_MANY = 5
UNKNOWN = 1.0
SHARE_UNIT = 20.0
OTHER_REGION = 0.5
SIMILAR_SIZE = math.log10(2)
SIMILAR_SHARE = 5.0

REASONS = {
    "size": _("similar size"),
    "share": _("similar share born abroad"),
    "region": _("same region"),
}


@dataclass(frozen=True)
class Profile:
    """What closeness compares: population, share born abroad (%), region; any may be unknown."""

    population: int | None = None
    share: float | None = None
    region: str | None = None

    @classmethod
    def of(cls, city) -> "Profile":
        share = city.foreign_born_share
        return cls(city.population or None, float(share) if share is not None else None, city.country.region)

    @property
    def known(self) -> bool:
        return self.population is not None or self.share is not None


@dataclass
class Match:
    city: object
    distance: float
    alike: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        """In words: "similar size, same region"; or that it is only the closest of those known."""
        if not self.alike:
            return str(_("closest of the cities whose figures are known"))
        return ", ".join(str(REASONS[key]) for key in self.alike)


def _size(mine: Profile, theirs: Profile) -> tuple[float, bool]:
    if mine.population is None or theirs.population is None:
        return UNKNOWN, False
    gap = abs(math.log10(mine.population) - math.log10(theirs.population))
    return gap, gap <= SIMILAR_SIZE


def _share(mine: Profile, theirs: Profile) -> tuple[float, bool]:
    if mine.share is None or theirs.share is None:
        return UNKNOWN, False
    gap = abs(mine.share - theirs.share)
    return gap / SHARE_UNIT, gap <= SIMILAR_SHARE


def _profile(city) -> Profile:
    """Profile.of(city), kept on the city: the cities compared are those kept per content version
    (goodideas.views.cities_with_counts), so each city's profile is made once, not once per page."""
    profile = city.__dict__.get("_similar_profile")
    if profile is None:
        profile = city.__dict__["_similar_profile"] = Profile.of(city)
    return profile


def _same_region(mine: Profile, theirs: Profile) -> bool:
    return mine.region is not None and mine.region == theirs.region


def _distance(mine: Profile, theirs: Profile) -> float:
    """The distance alone (no Match, no reasons): what ranking every city needs."""
    return _size(mine, theirs)[0] + _share(mine, theirs)[0] + (0 if _same_region(mine, theirs) else OTHER_REGION)


def compare(mine: Profile, city) -> Match:
    theirs = _profile(city)
    alike = [
        key
        for key, yes in (
            ("size", _size(mine, theirs)[1]),
            ("share", _share(mine, theirs)[1]),
            ("region", _same_region(mine, theirs)),
        )
        if yes
    ]
    return Match(city, _distance(mine, theirs), alike)


def closest(mine: Profile, cities, *, exclude=None, how_many: int = HOW_MANY) -> list[Match]:
    """The `how_many` cities closest to `mine` (cities with `country` loaded), closest first, ties by name.

    With nothing known of `mine` but its region, the cities of that region; with nothing at all, none.
    Every city is ranked by its distance alone; only the closest become Matches with their reasons
    (at 500 cities, making a Match of each was ~10 ms of a city page)."""
    if not mine.known and mine.region is None:
        return []
    candidates = [city for city in cities if exclude is None or city.pk != exclude.pk]
    if not mine.known:
        candidates = [city for city in candidates if _same_region(mine, _profile(city))]
    scored = [(round(_distance(mine, _profile(city)), 6), city) for city in candidates]
    if len(scored) > how_many:  # the names (a translated field, slow to read) only of the closest and ties
        cutoff = heapq.nsmallest(how_many, (distance for distance, _city in scored))[-1]
        scored = [pair for pair in scored if pair[0] <= cutoff]
    scored.sort(key=lambda pair: (pair[0], pair[1].name.casefold()))
    return [compare(mine, city) for _distance_, city in scored[:how_many]]


def like_city(city, cities, how_many: int = HOW_MANY) -> list[Match]:
    """The cities most like `city`, among `cities`."""
    return closest(Profile.of(city), cities, exclude=city, how_many=how_many)
