"""Every city's dot on the world map, as SVG: {{ map_points(map, map_small) }} (goodideas/_map.html, Jinja2).

Kept as one fragment per map and language, but built by the first city page of each language in each
process: with 500 cities a template loop took ~140 ms (some 16 lookups, six filters and a plural
translation per city); format_html_join writes the same markup in a fraction of that.
"""

from django import template
from django.utils.formats import localize
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from core.templating import jinja_global

register = template.Library()

POINT = (
    '<a href="{}" class="world-map__link"><title>{}, {}{}</title>'
    '<circle class="world-map__city{}" cx="{}" cy="{}" r="{}" stroke-width="{}"/>'
    '<text class="world-map__label" x="{}" y="{}" font-size="{}" aria-hidden="true">{}</text></a>'
)
EMPTY = mark_safe(" world-map__city--empty")


def _ideas(count: int):
    """ " – 3 Good Ideas": the number of a city's Good Ideas after its name, in the page's language."""
    counted = ngettext("%(counter)s Good Idea", "%(counter)s Good Ideas", count) % {"counter": escape(localize(count))}
    return mark_safe(f" – {counted}")  # a translator's text, as {% blocktranslate %} gives it


@jinja_global
def map_points(map, small=False):
    """A link per city (`map["points"]`): its dot, sized by its Good Ideas, and its name."""
    return format_html_join(
        "\n",
        POINT,
        (
            (
                point["city"].get_absolute_url(),
                point["city"].name,
                point["city"].country.name,
                "" if small else _ideas(point["count"]),
                "" if point["count"] else EMPTY,
                point["x"],
                point["y"],
                point["r"],
                map["stroke"],
                point["label_x"],
                point["label_y"],
                map["font_size"],
                point["city"].name,
            )
            for point in map["points"]
        ),
    )
