"""A facet's values (core.lists.counts.Facet) as HTML: {% facet_checkboxes facet "f" %}, {% facet_options facet %}.

The rest of a facet is in includes/facet.html. Its values are written here because a list asked for
the first time renders every value of every facet (about a hundred on the Good Ideas list): a template
loop took some 40 µs for each, 3 ms of a 13 ms page; format_html_join takes a tenth of that.
"""

from django import template
from django.utils.formats import localize
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

CHECKED, SELECTED, NOTHING = mark_safe(" checked"), mark_safe(" selected"), ""


def _shown(item, mark):
    """What each value shows: its value, whether it is applied, its label and its count of rows."""
    return item.value, mark if item.selected else NOTHING, item.label, localize(item.count)


@register.simple_tag
def facet_checkboxes(facet, prefix: str = "f"):
    """A <li> per value: a checkbox named after the facet, its label with the count of rows."""
    return format_html_join(
        "\n",
        '<li><input type="checkbox" id="{0}-{1}-{2}" name="{1}" value="{3}"{4}>'
        '<label for="{0}-{1}-{2}">{5} <span class="facet__count">({6})</span></label></li>',
        ((prefix, facet.name, number, *_shown(item, CHECKED)) for number, item in enumerate(facet.values, 1)),
    )


@register.simple_tag
def facet_options(facet):
    """An <option> per value, with the count of rows."""
    return format_html_join(
        "\n",
        '<option value="{}"{}>{} ({})</option>',
        (_shown(item, SELECTED) for item in facet.values),
    )
