"""The cities map, a city's figures, and cities like mine (issue 16, items 1 to 3)."""

import re

import pytest
from django.core.cache import caches

from places.models import BirthCountry
from tests.goodideas.factories import idea_with
from tests.places.factories import CityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "number", "share", "not_known"),
    [
        ("en", "1,234,567", "24.5", "not known"),
        ("fr", "1\xa0234\xa0567", "24,5", "inconnu"),
        ("de", "1.234.567", "24,5", "nicht bekannt"),
    ],
)
def test_figures_are_formatted_in_each_language(client, like_places, language, number, share, not_known):
    html = client.get(f"/{language}/cities/berlin/").content.decode()

    assert number in html
    assert f"{share}&nbsp;%" in html
    assert '<a href="https://www.zensus2022.de/" rel="noopener">Zensus 2022</a>' in html
    assert not_known in html  # no country of birth is known


def test_unknown_figures_say_so(client, like_places):
    html = client.get("/en/cities/nowhere/").content.decode()

    assert html.count("not known") == 3  # population, share born abroad, countries of birth


def test_countries_of_birth_with_source_and_chart(client, like_places):
    berlin = like_places["berlin"]
    BirthCountry.objects.create(city=berlin, name_en="Turkey", name_de="Türkei", share="4.1", year=2022, source="S")
    BirthCountry.objects.create(city=berlin, name_en="Poland", name_de="Polen", share="2.9", year=2022, source="S")

    html = client.get("/de/cities/berlin/").content.decode()

    assert html.index("Türkei: 4,1&nbsp;%") < html.index("Polen: 2,9&nbsp;%")
    chart = re.search(r'<svg class="bar-chart".*?</svg>', html, re.S).group()
    assert ">4,1\xa0%</text>" in chart


def test_cities_like_mine_in_order_with_reasons(client, like_places):
    html = client.get("/en/cities/berlin/").content.decode()

    section = html[html.index('id="like-heading"') :]
    names = re.findall(r'<li><a href="/en/cities/([-\w]+)/">', section)[:4]
    assert names == ["lyon", "hamburg", "toronto", "nowhere"]
    assert "(similar share born abroad, same region)" in section
    assert "(similar size, same region)" in section
    assert "(same region)" in section


def test_finder_by_figures_lists_closest_cities_and_their_ideas(client, like_places):
    idea_with(title_en="Welcome in Toronto", city=like_places["toronto"])

    html = client.get("/en/cities/?population=3,000,000&share=45").content.decode()

    results = html[html.index("The cities most like yours") :]
    assert results.index("Toronto") < results.index("Berlin")
    assert "Welcome in Toronto" in results
    assert "similar size, similar share born abroad" in results


def test_finder_by_city_links_to_the_filtered_list(client, like_places):
    html = client.get("/fr/cities/?city=berlin").content.decode()

    assert "Les villes les plus proches de Berlin" in html
    assert 'href="/fr/ideas/?like=berlin"' in html


@pytest.mark.parametrize(
    "query",
    ["population=abc", "share=120", "population=10", "city=atlantis", "share=abc", "share=%00"],
)
def test_finder_bad_input_is_a_form_error(client, like_places, query):
    response = client.get(f"/en/cities/?{query}")

    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()


def test_like_filter_lists_ideas_from_the_five_closest_cities(client, like_places):
    idea_with(title_en="From Lyon", city=like_places["lyon"])
    idea_with(title_en="From Berlin itself", city=like_places["berlin"])
    CityFactory(name_en="Dresden", slug="dresden", population=560000, country=like_places["berlin"].country)
    idea_with(title_en="From elsewhere", city=CityFactory(slug="far", population=100, foreign_born_share="1.0"))

    html = client.get("/en/ideas/?like=berlin").content.decode()

    assert "From Lyon" in html
    assert "From Berlin itself" not in html
    assert "From elsewhere" not in html  # sixth: not among the five closest
    assert "Cities like Berlin: Lyon, Hamburg, Dresden, Toronto, Nowhere" in html


def test_like_filter_naming_no_city_is_ignored(client, like_places):
    idea_with(title_en="Any idea", city=like_places["lyon"])

    response = client.get("/en/ideas/?like=atlantis")

    assert response.status_code == 200
    assert "Any idea" in response.content.decode()


def test_map_has_basemap_links_titles_and_text_alternative(client, like_places):
    idea_with(city=like_places["lyon"])
    idea_with(city=like_places["lyon"])

    html = client.get("/en/cities/").content.decode()

    svg = re.search(r"<svg viewBox.*?</svg>", html, re.S).group()
    assert '<image href="/static/img/world-110m' in svg
    assert '<a href="/en/cities/lyon/" class="world-map__link">' in svg
    assert "<title>Lyon, France – 2 Good Ideas</title>" in svg
    assert "<title>Berlin, Germany – 0 Good Ideas</title>" in svg
    lyon = re.search(r'href="/en/cities/lyon/".*?r="([\d.]+)"', svg, re.S).group(1)
    berlin = re.search(r'href="/en/cities/berlin/".*?r="([\d.]+)"', svg, re.S).group(1)
    assert float(lyon) > float(berlin)  # sized by Good Ideas
    after = html[html.index("</svg>") :]
    assert '<a href="/en/cities/lyon/">Lyon</a>' in after  # the list below, as text alternative


@pytest.mark.parametrize(
    ("language", "two", "none"),
    [
        ("en", "2 Good Ideas", "0 Good Ideas"),
        ("fr", "2 bonnes idées", "0 bonne idée"),
        ("de", "2 Gute Ideen", "0 Gute Ideen"),
    ],
)
def test_each_dot_names_its_city_and_its_ideas_in_the_page_language(client, like_places, language, two, none):
    lyon = like_places["lyon"]
    lyon.name_en = lyon.name_fr = lyon.name_de = "Lyon <&> Co"
    lyon.save()
    idea_with(city=lyon)
    idea_with(city=lyon)

    svg = re.search(r"<svg viewBox.*?</svg>", client.get(f"/{language}/cities/").content.decode(), re.S).group()

    dot = re.search(rf'<a href="/{language}/cities/lyon/" class="world-map__link">.*?</a>', svg, re.S).group()
    assert f"<title>Lyon &lt;&amp;&gt; Co, {lyon.country.name} – {two}</title>" in dot
    assert 'class="world-map__city"' in dot
    assert ">Lyon &lt;&amp;&gt; Co</text>" in dot
    berlin = re.search(rf'<a href="/{language}/cities/berlin/" class="world-map__link">.*?</a>', svg, re.S).group()
    assert f" – {none}</title>" in berlin
    assert 'class="world-map__city world-map__city--empty"' in berlin


def test_region_link_shows_only_that_region_and_zooms_the_map(client, like_places):
    html = client.get("/en/cities/?region=north-america").content.decode()

    assert 'href="?region=north-america" aria-current="page"' in html
    assert '<svg viewBox="10 12 124 66"' in html
    assert "/en/cities/toronto/" in html
    assert "/en/cities/lyon/" not in html


def test_city_page_highlights_the_city_and_idea_page_has_a_small_map(client, like_places):
    idea = idea_with(city=like_places["lyon"])

    city_html = client.get("/en/cities/lyon/").content.decode()
    idea_html = client.get(idea.get_absolute_url()).content.decode()

    assert "world-map__city--here" in city_html
    assert "world-map--small" in idea_html
    assert idea_html.count('class="world-map__link"') == 1


def test_every_city_page_shares_the_dots_of_the_map_and_draws_its_own_city_over_them(client, like_places):
    idea_with(city=like_places["lyon"])
    pages = {slug: client.get(f"/en/cities/{slug}/").content.decode() for slug in ("lyon", "berlin")}

    fragments = caches["fragments"]._cache  # LocMemCache: one "map-points" piece for both pages
    assert len([key for key in fragments if ":map-points:" in key]) == 1
    for slug, html in pages.items():
        svg = html[html.index('<figure class="world-map') :]
        svg = svg[: svg.index("</svg>")]
        assert svg.count('class="world-map__link"') == len(like_places)  # every city once, a link
        here = svg[svg.index('<g class="world-map__here" aria-hidden="true">') :]
        assert 'class="world-map__city world-map__city--here"' in here
        assert like_places[slug].name in here


@pytest.mark.parametrize("path", ["cities/", "cities/?city=berlin", "cities/berlin/", "ideas/?like=berlin"])
def test_query_count_is_constant(client, like_places, path, django_assert_max_num_queries, cold):
    for _ in range(3):
        idea_with(city=like_places["lyon"], themes=["work"])
    client.get(f"/en/{path}")
    cold()
    with django_assert_max_num_queries(12) as few:
        client.get(f"/en/{path}")
    for number in range(20):
        city = CityFactory(population=1000 * (number + 2), foreign_born_share="10.0")
        idea_with(city=city if number % 2 else like_places["hamburg"], themes=["work", "plan"])
        BirthCountry.objects.create(
            city=like_places["berlin"], name_en=f"C{number}", share="1.0", year=2022, source="S"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"/en/{path}").status_code == 200


@pytest.fixture
def adapted(like_places):
    """Lyon's idea taken up in Berlin and in Toronto; Hamburg's in Lyon; a draft's in Toronto (not shown)."""
    from goodideas.models import GoodIdea
    from tests.goodideas.factories import AdaptationFactory

    lyon_idea = idea_with(title_en="Welcome desk", title_fr="Guichet d'accueil", city=like_places["lyon"])
    AdaptationFactory(idea=lyon_idea, city=like_places["berlin"], year=2018)
    AdaptationFactory(idea=lyon_idea, city=like_places["toronto"], year=2020)
    AdaptationFactory(idea=idea_with(title_en="Mentors", city=like_places["hamburg"]), city=like_places["lyon"])
    draft = idea_with(title_en="Secret draft", city=like_places["berlin"], status=GoodIdea.Status.DRAFT)
    AdaptationFactory(idea=draft, city=like_places["toronto"])
    return lyon_idea


def _svg(html: str) -> str:
    return re.search(r"<svg viewBox.*?</svg>", html, re.S).group()


def test_adaptations_are_lines_on_the_map_and_in_its_text_alternative(client, adapted):
    html = client.get("/en/cities/").content.decode()

    svg = _svg(html)
    titles = re.findall(r'<path class="world-map__line" d="M[^"]+"[^>]*><title>(.*?)</title>', svg)
    assert sorted(titles) == ["Hamburg → Lyon: Mentors", "Lyon → Berlin: Welcome desk", "Lyon → Toronto: Welcome desk"]
    assert "Secret draft" not in html
    after = html[html.index("</svg>") :]
    assert (
        '<a href="/en/cities/lyon/">Lyon</a> → <a href="/en/cities/toronto/">Toronto</a>: '
        f'<a href="{adapted.get_absolute_url()}">Welcome desk</a> (2020)'
    ) in after


def test_map_lines_are_gentle_arcs_from_origin_to_destination():
    from goodideas.services import _arc

    path = _arc((100.0, 50.0), (200.0, 50.0))
    numbers = [float(number) for number in re.findall(r"-?[\d.]+", path)]
    assert numbers[:2] == [100.0, 50.0]  # from the origin
    assert numbers[-2:] == [200.0, 50.0]  # to the destination
    middle_y = numbers[5]
    assert 40 <= middle_y < 50  # bows northwards, gently: at most 10 map units


def test_map_line_titles_are_in_the_page_language(client, adapted):
    svg = _svg(client.get("/fr/cities/").content.decode())

    assert "<title>Lyon → Berlin: Guichet d&#39;accueil</title>" in svg  # the apostrophe escaped, as Jinja2 does


def test_city_page_emphasises_its_own_lines(client, adapted):
    html = client.get("/en/cities/berlin/").content.decode()

    svg = _svg(html)
    here = re.findall(r'class="world-map__line world-map__line--here"[^>]*><title>(.*?)</title>', svg)
    faded = re.findall(r'class="world-map__line world-map__line--faded"[^>]*><title>(.*?)</title>', svg)
    assert here == ["Lyon → Berlin: Welcome desk"]
    assert sorted(faded) == ["Hamburg → Lyon: Mentors", "Lyon → Toronto: Welcome desk"]
    listed = html[html.index('id="map-lines-heading"') :]
    assert listed.index("<strong>") < listed.index("Mentors")  # the city's own line first, emphasised


def test_region_map_shows_only_lines_touching_the_region(client, adapted):
    svg = _svg(client.get("/en/cities/?region=north-america").content.decode())

    assert re.findall(r"<title>(\w+ → .*?)</title>", svg) == ["Lyon → Toronto: Welcome desk"]


@pytest.mark.parametrize("path", ["cities/", "cities/berlin/"])
def test_map_lines_keep_the_query_count_constant(
    client, adapted, like_places, path, django_assert_max_num_queries, cold
):
    from tests.goodideas.factories import AdaptationFactory

    client.get(f"/en/{path}")
    cold()
    with django_assert_max_num_queries(12) as few:
        client.get(f"/en/{path}")
    for number in range(10):
        idea = idea_with(title_en=f"Idea {number}", city=like_places["hamburg"])
        AdaptationFactory(idea=idea, city=like_places["berlin" if number % 2 else "toronto"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(f"/en/{path}").content.decode()
    assert "<title>Hamburg → Berlin: Idea 1; Idea 3; Idea 5; Idea 7; Idea 9</title>" in html
