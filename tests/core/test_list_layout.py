"""On a phone the first results of a list come first: its filters fold away behind a button that
needs no script (a <details> closed in the HTML), and "Skip to results" follows its search box.

What the browser makes of it (the first result within 844 px at 390 px wide, the filters shown
without a click at 1280 px) was measured in Chromium; here the markup and the rule that shows the
folded filters on wide screens are checked.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

# page: (address, the search box's id, (tag, attribute, value) of a control of the filters that fold away)
LISTS = {
    "ideas": ("/{}/ideas/", "ideas-q", ("input", "name", "theme")),
    "library": ("/{}/library/", "library-q", ("select", "name", "kind")),
    "webinars": ("/{}/webinars/", "id_q", ("select", "name", "theme")),
    "news": ("/{}/news/", "id_q", ("select", "name", "city")),
    "search": ("/{}/search/?q=welcome", "search-q", ("a", "href", "?q=welcome&type=ideas")),
}


class Elements(HTMLParser):
    """Each start tag with its attributes and its position in the page, and which <details> it is in."""

    def __init__(self):
        super().__init__()
        self.tags, self.open_details = [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes, self.getpos(), list(self.open_details)))
        if tag == "details":
            self.open_details.append(attributes)

    def handle_endtag(self, tag):
        if tag == "details":
            self.open_details.pop()


def elements(html: str) -> list:
    parser = Elements()
    parser.feed(html)
    return parser.tags


def in_panel(within) -> bool:
    return any("filters" in details.get("class", "").split() for details in within)


@pytest.mark.parametrize("language", ["en", "fr", "de"])
@pytest.mark.parametrize("name", LISTS)
def test_filters_fold_away_in_a_closed_details_after_the_search_box_and_a_skip_link(
    client, list_layout_content, name, language
):
    address, search_box, (control_tag, attribute, value) = LISTS[name]
    html = client.get(address.format(language)).content.decode()
    tags = elements(html)

    panels = [
        (attrs, where) for tag, attrs, where, _in in tags if tag == "details" and "filters" in attrs.get("class", "")
    ]
    assert len(panels) == 1, "one folding filter panel"
    panel, panel_position = panels[0]
    assert "open" not in panel  # closed in the HTML: on a phone the results come first, with no script
    assert [tag for tag, _attrs, _where, within in tags if tag == "summary" and within and within[-1] is panel]
    # The filter controls are inside the panel; the search box is not.
    controls = [within for tag, attrs, _w, within in tags if tag == control_tag and attrs.get(attribute) == value]
    assert controls
    assert all(in_panel(within) for within in controls)
    ((box, box_within),) = [(where, within) for _t, attrs, where, within in tags if attrs.get("id") == search_box]
    assert not in_panel(box_within)

    skips = [(attrs, where) for _tag, attrs, where, _in in tags if "skip-to-results" in attrs.get("class", "")]
    assert len(skips) == 1
    skip, skip_position = skips[0]
    assert box < skip_position < panel_position  # right after the search box, before the filters
    target = skip["href"].removeprefix("#")
    results = [(where, within) for _tag, attrs, where, within in tags if attrs.get("id") == target]
    assert len(results) == 1, "the link leads to the results"
    assert results[0][0] > panel_position
    assert not in_panel(results[0][1])


def test_community_search_is_followed_by_a_skip_link_to_the_threads(client, list_layout_content):
    html = client.get("/en/community/").content.decode()
    tags = elements(html)
    (skip,) = [attrs for _tag, attrs, _p, _in in tags if "skip-to-results" in attrs.get("class", "")]
    assert html.index('id="community-q"') < html.index('class="skip-to-results"')
    assert re.search(rf'<section id="{skip["href"][1:]}"[^>]*>\s*<h2 id="threads-heading"', html)


def test_the_panel_says_how_many_filters_are_applied(client, list_layout_content):
    html = client.get("/fr/library/", {"theme": "work", "kind": "article"}).content.decode()
    assert "Filtres (2 appliqués)" in html
    html = client.get("/de/webinars/", {"theme": "bogus"}).content.decode()
    assert '<summary class="filters__summary">Filter</summary>' in html


def test_wide_screens_show_the_folded_filters_without_a_click():
    """site.css: at 56rem and wider, where ::details-content can be styled, the panel shows its content
    and hides its button; elsewhere the button stays, so the filters are never out of reach."""
    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "site.css").read_text()
    block = re.search(
        r"@media \(min-width: 56rem\) \{\s*@supports selector\(::details-content\) \{(.*?\})\s*\}\s*\}", css, re.S
    )
    assert block, "the wide-screen rule"
    rules = block.group(1)
    assert re.search(r"\.filters > summary \{ display: none; \}", rules)
    assert re.search(r"\.filters::details-content \{ content-visibility: visible; \}", rules)
    hidden = re.search(r"\.skip-to-results:not\(:focus\) \{([^}]*)\}", css).group(1)
    assert "display: none" not in hidden  # hidden from sight, not from the keyboard


def test_a_facets_values_are_escaped_labelled_and_keep_what_is_applied():
    from django.template import Context, Template
    from django.utils import translation

    from core.lists.counts import Facet, FacetValue

    values = [FacetValue("a&b", "Zürich <Nord>", 1234, selected=True), FacetValue("c", "Köln", 2)]
    with translation.override("de"):
        html = Template('{% include "includes/facet.html" with id="x" %}').render(
            Context({"facet": Facet("city", "Stadt", values, multiple=True)})
        )
        select = Template('{% include "includes/facet.html" with id="y" %}').render(
            Context({"facet": Facet("kind", "Art", values, all_label="Alle")})
        )
    assert '<input type="checkbox" id="x-city-1" name="city" value="a&amp;b" checked>' in html
    assert '<label for="x-city-1">Zürich &lt;Nord&gt; <span class="facet__count">(1234)</span></label>' in html
    assert '<input type="checkbox" id="x-city-2" name="city" value="c">' in html
    assert '<option value="a&amp;b" selected>Zürich &lt;Nord&gt; (1234)</option>' in select
    assert '<option value="c">Köln (2)</option>' in select
