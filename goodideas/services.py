"""Workflows of Good Ideas: proposals from the public, publishing, slug changes; and the world map."""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext

from core import localised, mail
from goodideas.models import FormerSlug, GoodIdea, Proposal
from places import services as places
from places.models import City, Organisation

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _paragraphs(text: str) -> str:
    """Plain text typed in a form → HTML paragraphs (escaped)."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return "".join("<p>{}</p>".format(escape(block).replace("\n", "<br>")) for block in blocks)


def _unique_slug(title: str) -> str:
    base = (slugify(title) or "idea")[:180]
    slug, number = base, 1
    while GoodIdea.objects.filter(slug=slug).exists() or FormerSlug.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@dataclass(frozen=True, kw_only=True)
class IdeaProposal:
    """A Good Idea proposed by the public, in the words of the form (IdeaProposalForm.proposal() makes one).

    `city` is one of the portal's cities, or None with the city typed in `new_city` and `new_country`.
    The proposer's details stay with the editors unless `publish_contact`.
    """

    title: str
    summary: str
    features: str
    strategies: str = ""
    outcomes: str
    achievements: str = ""
    agency: str
    city: City | None = None
    new_city: str = ""
    new_country: str = ""
    themes: Iterable = ()
    year_started: int | None = None
    website: str = ""
    proposer_name: str
    proposer_role: str = ""
    proposer_email: str
    proposer_phone: str = ""
    publish_contact: bool = False
    language: str = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


@transaction.atomic
def idea_propose(*, proposal: IdeaProposal) -> GoodIdea:
    """Store a proposal from the public as a Good Idea *in review*, tell the editors, thank the proposer.

    The text goes in the fields of the sender's language (and in English too when that is another
    language, so that the draft is complete: editors translate it before publishing). The proposer's
    details go in a Proposal, which no public page shows; they become the idea's public contact only
    if the proposer agreed (`publish_contact`). A city typed instead of chosen is matched to the
    portal's cities or waits, as a TypedPlace, for an editor (the idea has no city until then).
    """
    city, place = _proposal_place(proposal)
    organisation, _ = Organisation.objects.get_or_create(name=proposal.agency, city=city)
    idea = GoodIdea.objects.create(
        slug=_unique_slug(proposal.title),
        city=city,
        organisation=organisation,
        year_started=proposal.year_started,
        contact_website=proposal.website,
        status=GoodIdea.Status.IN_REVIEW,
        **_proposal_texts(proposal),
        **_proposal_contact(proposal),
    )
    idea.themes.set(proposal.themes)
    record = Proposal.objects.create(
        idea=idea,
        name=proposal.proposer_name,
        role=proposal.proposer_role,
        email=proposal.proposer_email,
        phone=proposal.proposer_phone,
        language=proposal.language,
        publish_contact=proposal.publish_contact,
        place=place,
    )
    mail.on_commit(lambda: _proposal_notify(idea=idea, record=record))
    return idea


def _proposal_place(proposal: IdeaProposal):
    """(city, typed place): the city chosen, or the one the typed city matched, or None and the TypedPlace."""
    if proposal.city is not None:
        return proposal.city, None
    found = places.place_typed(city_name=proposal.new_city, country_text=proposal.new_country)
    return (found, None) if isinstance(found, City) else (found.city, found)


def _proposal_texts(proposal: IdeaProposal) -> dict:
    """The idea's translated text fields: the sender's language, and English too when that is another."""
    language = proposal.language
    with translation.override(language):
        body = f"<h2>{escape(gettext('The idea and its main features'))}</h2>{_paragraphs(proposal.features)}"
        if proposal.strategies:
            body += f"<h2>{escape(gettext('Strategies used and why'))}</h2>{_paragraphs(proposal.strategies)}"
    texts = {
        "title": proposal.title,
        "teaser": proposal.summary,
        "body": body,
        "beneficiaries": proposal.outcomes,
        "results": proposal.achievements,
    }
    codes = {language, settings.MODELTRANSLATION_DEFAULT_LANGUAGE}
    return {f"{name}_{code}": value for name, value in texts.items() for code in codes}


def _proposal_contact(proposal: IdeaProposal) -> dict:
    """The idea's public contact: the proposer, only if they agreed."""
    if not proposal.publish_contact:
        return {}
    return {
        "contact_name": proposal.proposer_name,
        "contact_email": proposal.proposer_email,
        "contact_phone": proposal.proposer_phone,
        f"contact_role_{proposal.language}": proposal.proposer_role,
    }


def _proposal_notify(*, idea: GoodIdea, record: Proposal) -> None:
    """Tell the editors (in English, replying goes to the proposer) and thank the proposer in their language."""
    admin_path = reverse("admin:goodideas_goodidea_change", args=[idea.pk])
    mail.send(
        "goodideas/email/proposal",
        {"idea": idea, "proposal": record, "admin_url": mail.site_url() + admin_path, "language_name": record.language},
        to=settings.EDITORS_EMAIL,
        language=settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
        reply_to=[record.email],
    )
    mail.send(
        "goodideas/email/proposal_received",
        {"idea": idea, "proposal": record, "name": record.name},
        to=[record.email],
        language=record.language,
    )


def idea_published_notify(*, idea: GoodIdea) -> bool:
    """Tell the proposer, in their language, that their idea is public: once, the first time it is.

    Returns whether a notice went out."""
    if idea.status != GoodIdea.Status.PUBLISHED:  # public now, or at its scheduled time
        return False
    proposal = Proposal.objects.filter(idea=idea, published_notice_sent_at__isnull=True).first()
    if proposal is None:
        return False
    Proposal.objects.filter(pk=proposal.pk).update(published_notice_sent_at=timezone.now())
    mail.on_commit(
        lambda: mail.send(
            "goodideas/email/proposal_published",
            {"idea": idea, "proposal": proposal, "name": proposal.name},
            to=[proposal.email],
            language=proposal.language,
        )
    )
    return True


class CannotPublish(Exception):
    """The idea lacks what a public page needs (a city)."""


def idea_publish(*, idea: GoodIdea) -> GoodIdea:
    """Publish: the idea goes public (at its `publish_at` time, if an editor scheduled it); the date first
    published is kept if it has one. The proposer hears of it (the first time)."""
    if idea.city_id is None:
        raise CannotPublish(
            gettext("“%(title)s” has no city yet: confirm or merge the city typed by the proposer first.")
            % {"title": idea.title}
        )
    idea.publish()
    idea_published_notify(idea=idea)
    return idea


def ideas_place_resolved(place, city) -> int:
    """The ideas proposed from a typed place (and their host organisations) get the city an editor chose
    for it (places.services.place_resolve). Returns how many ideas got it.

    Saved one by one (a place has a few proposals), so that the content version moves on."""
    waiting = list(GoodIdea.objects.filter(proposal__place=place, city__isnull=True).select_related("organisation"))
    for idea in waiting:
        if idea.organisation is not None and idea.organisation.city_id is None:
            idea.organisation.city = city
            idea.organisation.save(update_fields=["city"])
        idea.city = city
        idea.save(update_fields=["city", "updated_at"])
    return len(waiting)


def ideas_proposed_from(place):
    """The ideas proposed from a typed place: the editor's review page of the place lists them."""
    return GoodIdea.objects.filter(proposal__place=place).select_related("city")


def idea_slug_changed(*, idea: GoodIdea, old_slug: str) -> None:
    """Keep the old address of a published idea, so that links to it redirect to the new one."""
    if not old_slug or old_slug == idea.slug or idea.published_at is None:
        return
    FormerSlug.objects.filter(slug=idea.slug).delete()  # the idea took back an address it had before
    FormerSlug.objects.update_or_create(slug=old_slug, defaults={"idea": idea})


def proposals_export(*, user, addresses) -> list[dict]:
    """The Good Ideas proposed from any of the member's addresses, with what they told the editors, for
    their data export (core.registry)."""
    return [
        {
            "idea": proposal.idea.title,
            "status": proposal.idea.status,
            "name": proposal.name,
            "role": proposal.role,
            "email": proposal.email,
            "phone": proposal.phone,
            "language": proposal.language,
            "agreed_to_be_public_contact": proposal.publish_contact,
            "city_typed": str(proposal.place) if proposal.place_id else None,
            "sent": proposal.created_at,
        }
        for proposal in Proposal.objects.annotate(address=Lower("email"))
        .filter(address__in=addresses)
        .select_related("idea", "place__country")
        .order_by("created_at")
    ]


# The world map ---------------------------------------------------------------------------------
# Equirectangular, as the basemap static/img/world-110m.svg (scripts/make_world_map.py): x = longitude
# + 180, y = 90 - latitude; latitudes below -60 are left out.
MAP_WIDTH, MAP_HEIGHT = 360, 150
BASEMAP = "img/world-110m.svg"
# What each region's map shows: x, y, width, height in map units.
REGION_VIEWS = {
    "europe": (150, 16, 84, 42),
    "north-america": (10, 12, 124, 66),
    "latin-america": (55, 55, 100, 95),
    "asia": (200, 20, 140, 85),
    "middle-east": (200, 45, 50, 35),
    "africa": (155, 50, 85, 80),
    "oceania": (280, 80, 80, 65),
}


def _map_xy(city) -> tuple[float, float]:
    return round(city.longitude + 180, 2), round(90 - city.latitude, 2)


def _arc(start: tuple[float, float], end: tuple[float, float]) -> str:
    """A gentle arc from `start` to `end` (SVG path data): a quadratic curve whose middle bows northwards by a
    fifth of the distance (at most 10 map units), as routes are drawn on flat maps. Drawn as its two halves,
    so that the arrow showing the direction sits on the middle vertex (marker-mid), not under the city's dot."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1
    nx, ny = -dy / length, dx / length  # a unit normal; take the one that points up (north)
    if ny > 0 or (ny == 0 and nx < 0):
        nx, ny = -nx, -ny
    bow = min(length * 0.2, 10)
    cx, cy = (x1 + x2) / 2 + nx * bow, (y1 + y2) / 2 + ny * bow
    # de Casteljau at t = 1/2: the two halves' control points and the middle of the curve
    ax, ay, bx, by = (x1 + cx) / 2, (y1 + cy) / 2, (cx + x2) / 2, (cy + y2) / 2
    mx, my = (ax + bx) / 2, (ay + by) / 2
    numbers = [x1, y1, ax, ay, mx, my, bx, by, x2, y2]
    x1, y1, ax, ay, mx, my, bx, by, x2, y2 = (f"{round(number, 2):g}" for number in numbers)
    return f"M{x1} {y1}Q{ax} {ay} {mx} {my}Q{bx} {by} {x2} {y2}"


def map_lines(adaptations, *, highlight=None, cities=None) -> list[dict]:
    """One line per pair of cities that an idea went between (origin → adapting city), with every adaptation
    between them, its title in the page's language and whether it touches `highlight`. With `cities`, only
    the lines that start or end at one of them (a region's map)."""
    shown = None if cities is None else {city.pk for city in cities}
    lines = {}
    for adaptation in adaptations:
        origin, destination = adaptation.idea.city, adaptation.city
        if shown is not None and origin.pk not in shown and destination.pk not in shown:
            continue
        line = lines.get((origin.pk, destination.pk))
        if line is None:
            here = highlight is not None and highlight.pk in (origin.pk, destination.pk)
            line = lines[origin.pk, destination.pk] = {
                "origin": origin,
                "destination": destination,
                "adaptations": [],
                "d": _arc(_map_xy(origin), _map_xy(destination)),
                "here": here,
                "faded": highlight is not None and not here,
            }
        line["adaptations"].append(adaptation)
    for line in lines.values():
        titles = "; ".join(localised.text(adaptation.idea, "title") for adaptation in line["adaptations"])
        origin, destination = localised.text(line["origin"], "name"), localised.text(line["destination"], "name")
        line["title"] = f"{origin} → {destination}: {titles}"
    # The city's own lines last, drawn over the others.
    return sorted(lines.values(), key=lambda line: line["here"])


def _map_point(city, count: int, scale: float, *, grow: float = 1) -> dict:
    radius = (1.6 + 1.1 * math.sqrt(count)) * grow
    x, y = _map_xy(city)
    return {
        "city": city,
        "x": x,
        "y": y,
        "r": round(radius * scale, 2),
        "label_x": round(x + (radius + 1) * scale, 2),
        "label_y": round(y + 1.5 * scale, 2),
        "count": count,
    }


def world_map(cities, *, highlight=None, region=None, adaptations=None) -> dict:
    """Points for the SVG map over the basemap, each sized by its published Good Ideas (`idea_count`,
    if annotated): the whole world, or one region's part (`region`); and a line for each city pair of
    `adaptations` (Adaptation.objects.for_map()), those of `highlight` emphasised."""
    view = REGION_VIEWS.get(region, (0, 0, MAP_WIDTH, MAP_HEIGHT))
    scale = view[2] / MAP_WIDTH  # dots and labels keep their size on the screen when a region is shown
    counts = [(city, getattr(city, "idea_count", 0) or 0) for city in cities]
    here = [_map_point(city, count, scale, grow=1.3) for city, count in counts if highlight and city.pk == highlight.pk]
    lines = map_lines(adaptations or [], highlight=highlight, cities=cities if region else None)
    for line in lines:
        line["width"] = round((1.3 if line["here"] else 0.6) * scale, 2)
    return {
        # Every city's dot and link, the same on every city page (the template keeps them as one fragment,
        # by `points_key`), and the city highlighted drawn again above them, larger (`here`)
        "points": SimpleLazyObject(  # small dots on top; made only when the fragment is not kept
            lambda: sorted((_map_point(city, count, scale) for city, count in counts), key=lambda point: -point["r"])
        ),
        # one text: a fragment key walks a list part by part (~1.5 ms for 500 cities), a text at once
        "points_key": f"{region}|" + ",".join(f"{city.pk}:{count}" for city, count in counts),
        "here": here,
        "lines": lines,
        "view": " ".join(f"{number:g}" for number in view),
        "width": MAP_WIDTH,
        "height": MAP_HEIGHT,
        "basemap": BASEMAP,
        "font_size": round(5 * scale, 2),
        "stroke": round(0.6 * scale, 2),
    }


# Small bar charts (SVG drawn by the template) ---------------------------------------------------------
CHART_BAR_WIDTH = 220


def bar_chart(rows, *, highlight=None, percent=False) -> dict | None:
    """Bars for (name, value) rows whose value is known, the longest the largest: each with its width,
    its number formatted in the page's language, and whether it is the row `highlight`. None if no row is known."""
    known = [(name, value) for name, value in rows if value is not None]
    if not known:
        return None
    largest = max(value for _name, value in known) or 1
    bars = []
    for position, (name, value) in enumerate(known):
        width = round(float(value) / float(largest) * CHART_BAR_WIDTH, 1)
        text = formats.number_format(value, 1 if percent else 0, force_grouping=True)
        bars.append(
            {
                "name": name,
                "width": width,
                "text_x": width + 144,
                "text": f"{text}\u00a0%" if percent else text,
                "highlight": highlight is not None and name == highlight,
                "y": 22 * position,
            }
        )
    return {"bars": bars, "height": 22 * len(bars)}


def external_urls() -> list[str]:
    """The websites and further reading of every Good Idea, for the weekly link check (core.linkcheck)."""
    from goodideas.models import FurtherReading, GoodIdea

    websites = GoodIdea.objects.exclude(contact_website="").values_list("contact_website", flat=True)
    return [*websites, *FurtherReading.objects.values_list("url", flat=True)]
