import html
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from elibrary.models import Resource
from places.models import Theme
from tests.elibrary.factories import ResourceFactory, pdf_resource
from tests.goodideas.factories import GoodIdeaFactory
from tests.places.factories import CityFactory

pytestmark = pytest.mark.django_db

LIST = "/{}/library/"


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_list_and_detail_answer_in_each_language(client, language):
    resource = ResourceFactory(title_fr="Rapport sur les villes", title_de="Bericht über Städte")
    assert client.get(LIST.format(language)).status_code == 200
    response = client.get(f"/{language}/library/{resource.slug}/")
    assert response.status_code == 200


def test_french_pages_are_in_french(client):
    resource = ResourceFactory(title_fr="Rapport sur les villes", kind=Resource.Kind.POLICY_BRIEF)
    response = client.get("/fr/library/")
    assert "Rapport sur les villes" in response.content.decode()
    response = client.get(f"/fr/library/{resource.slug}/")
    content = response.content.decode()
    assert "Rapport sur les villes" in content
    assert "Citer cette ressource" in content


def test_english_fallback_is_marked(client):
    ResourceFactory(title_en="Only in English")
    content = client.get("/de/library/").content.decode()
    assert '<span lang="en">Only in English</span>' in content


def test_search_finds_a_word_inside_a_pdf(client):
    inside = pdf_resource("The floor coaches settle disputes about noise.", title_en="Housing report", slug="housing")
    ResourceFactory(title_en="Something else")
    response = client.get(LIST.format("en"), {"q": "floor coaches"})
    assert [resource.pk for resource in response.context["resources"]] == [inside.pk]
    # The snippet shows the words from the document, highlighted.
    assert "<mark>floor</mark> <mark>coaches</mark>" in response.content.decode()


def test_search_is_accent_insensitive_and_ranks_titles_first(client):
    in_title = ResourceFactory(title_en="Refugees", title_fr="Les réfugiés dans la ville", summary_en="Housing.")
    in_summary = ResourceFactory(title_en="Housing", summary_en="Many refugees arrived.")
    for query in ["réfugiés", "refugies"]:
        response = client.get(LIST.format("fr"), {"q": query})
        assert [resource.pk for resource in response.context["resources"]] == [in_title.pk]
    response = client.get(LIST.format("en"), {"q": "refugees"})
    assert [resource.pk for resource in response.context["resources"]] == [in_title.pk, in_summary.pk]


def test_a_typo_leads_to_the_resources_in_one_click(client):
    wanted = ResourceFactory(title_en="Mentoring immigrant professionals")
    ResourceFactory(title_en="Housing")
    call_command("refresh_search_terms", verbosity=0)
    for typed, meant in [("mentorinng", "mentoring"), ("imigrant mentorinng", "immigrant mentoring")]:
        response = client.get(LIST.format("en"), {"q": typed, "exact": "1"})
        assert response.context["resources"] == []
        assert response.context["suggestion"] == meant
        link = re.search(r'Did you mean <a href="([^"]+)">', response.content.decode()).group(1)
        followed = client.get(LIST.format("en") + html.unescape(link))
        assert [resource.pk for resource in followed.context["resources"]] == [wanted.pk]
        corrected = client.get(LIST.format("en"), {"q": typed})
        assert [resource.pk for resource in corrected.context["resources"]] == [wanted.pk]


def test_facets_filter_and_count(client):
    work, learn = Theme.objects.get(slug="work"), Theme.objects.get(slug="learn")
    berlin = CityFactory(slug="berlin", name_en="Berlin")
    first = ResourceFactory(kind=Resource.Kind.TOOLKIT, languages=["de"], publication_year=2015)
    first.themes.set([work])
    first.cities.set([berlin])
    first.countries.set([berlin.country])
    second = ResourceFactory(kind=Resource.Kind.TOOLKIT, languages=["en", "fr"], publication_year=2022)
    second.themes.set([learn])
    third = ResourceFactory(kind=Resource.Kind.DATASET, languages=["en"], publication_year=2010)
    third.themes.set([work, learn])

    def found(**params):
        response = client.get(LIST.format("en"), params)
        assert response.status_code == 200
        return {resource.pk for resource in response.context["resources"]}

    assert found(kind="toolkit") == {first.pk, second.pk}
    assert found(theme="work") == {first.pk, third.pk}
    assert found(theme="work", kind="toolkit") == {first.pk}
    assert found(language="fr") == {second.pk}
    assert found(city="berlin") == {first.pk}
    assert found(country=berlin.country.slug) == {first.pk}
    assert found(publisher=second.publisher_id) == {second.pk}
    assert found(year_from=2012) == {first.pk, second.pk}
    assert found(year_from=2012, year_to=2016) == {first.pk}

    facets = client.get(LIST.format("en"), {"kind": "toolkit"}).context["facets"]
    themes = {item.value: item.count for item in facets["theme"].values}
    assert themes == {"work": 1, "learn": 1}
    # Facets count within the results: choosing narrows every facet.
    kinds = {item.value: item.count for item in facets["kind"].values}
    assert kinds == {"toolkit": 2}
    languages = {item.value: item.count for item in facets["language"].values}
    assert languages == {"de": 1, "en": 1, "fr": 1}
    facets = client.get(LIST.format("en")).context["facets"]
    assert {item.value: item.count for item in facets["kind"].values} == {"toolkit": 2, "dataset": 1}
    assert {item.value: item.count for item in facets["city"].values} == {"berlin": 1}
    assert [item.count for item in facets["publisher"].values] == [1, 1, 1]


def test_sort_by_title_and_newest(client):
    ResourceFactory(title_en="Beta", publication_year=2010)
    ResourceFactory(title_en="Alpha", publication_year=2000)
    ResourceFactory(title_en="Gamma", publication_year=2020)
    titles = [r.title for r in client.get(LIST.format("en"), {"sort": "title"}).context["resources"]]
    assert titles == ["Alpha", "Beta", "Gamma"]
    titles = [r.title for r in client.get(LIST.format("en"), {"sort": "newest"}).context["resources"]]
    assert titles == ["Gamma", "Beta", "Alpha"]
    # In French, French titles where there are some, English ones otherwise.
    Resource.objects.filter(title_en="Gamma").update(title_fr="Aaa en français")
    response = client.get(LIST.format("fr"), {"sort": "title", "q": "", "page": "1"})
    assert [r.title_en for r in response.context["resources"]] == ["Gamma", "Alpha", "Beta"]
    response = client.get(LIST.format("fr"), {"sort": "title", "q": "Beta"})
    assert response.status_code == 200


def test_unpublished_resources_are_hidden(client):
    hidden = ResourceFactory(status="draft")
    assert hidden not in client.get(LIST.format("en")).context["resources"]
    assert client.get(f"/en/library/{hidden.slug}/").status_code == 404
    assert client.get(f"/en/library/{hidden.slug}/download/").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00\x01 '\"); DROP TABLE x; --"},
        {"q": "!!! ((( & | :*"},
        {"q": "x" * 3000},
        {"q": "-"},
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"page": "²"},
        {"theme": "no-such-theme"},
        {"theme": "<script>"},
        {"kind": "novel"},
        {"language": "xx"},
        {"publisher": "abc"},
        {"publisher": "99999999999999999999999"},
        {"year_from": "1066", "year_to": "soon"},
        {"sort": "price"},
        {"city": "atlantis", "country": "utopia"},
    ],
)
def test_bad_input_never_breaks_the_page(client, params):
    ResourceFactory()
    response = client.get(LIST.format("en"), params)
    assert response.status_code == 200


def test_unknown_values_are_said_to_be_ignored(client):
    ResourceFactory()
    response = client.get(LIST.format("en"), {"kind": "novel", "year_from": "soon"})
    content = response.content.decode()
    assert "(ignored)" in content
    assert len(response.context["resources"]) == 1


@pytest.mark.parametrize(
    "params",
    [{"theme": "no-such-theme"}, {"city": "atlantis", "country": "utopia"}, {"publisher": "99999"}],
)
def test_names_of_nothing_are_ignored_and_said_to_be(client, params):
    shown = ResourceFactory()
    shown.themes.set([Theme.objects.get(slug="work")])
    ResourceFactory()
    response = client.get(LIST.format("en"), params)
    content = response.content.decode()
    assert len(response.context["resources"]) == 2
    assert not response.context["filterset"].is_filtered
    assert "(ignored)" in content
    assert "Clear all" not in content


def test_an_unknown_theme_beside_a_known_city(client):
    berlin = CityFactory(slug="berlin")
    shown = ResourceFactory()
    shown.cities.set([berlin])
    ResourceFactory()
    response = client.get(LIST.format("en"), {"theme": "no-such-theme", "city": "berlin"})
    assert response.context["resources"] == [shown]
    assert response.context["filterset"].applied == {"city": ["berlin"]}


def test_page_beyond_the_end_shows_the_last_page(client):
    ResourceFactory.create_batch(25)
    for page in ["7", "999999999", "9" * 30]:
        response = client.get(LIST.format("en"), {"page": page})
        assert response.context["page_obj"].number == 2
        assert len(response.context["resources"]) == 5
    for page in ["0", "²", "abc"]:
        response = client.get(LIST.format("en"), {"page": page})
        assert response.status_code == 200
        assert response.context["page_obj"].number == 1


def test_download_serves_the_file_with_safe_headers_and_counts(client):
    resource = pdf_resource("Text.", title_en='Ünïcode "report"', slug="unicode-report")
    response = client.get(f"/en/library/{resource.slug}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="unicode-report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    again = client.get(f"/en/library/{resource.slug}/download/", REMOTE_ADDR="192.0.2.7")  # another visitor
    b"".join(again.streaming_content)  # read to the end: closed
    resource.refresh_from_db()
    assert resource.download_count == 2


def test_head_requests_do_not_count_as_downloads(client):
    resource = pdf_resource("Text.")
    external = ResourceFactory(external_url="https://example.org/report.html")

    head = client.head(f"/en/library/{resource.slug}/download/")
    assert head.status_code == 200
    assert head["Content-Disposition"] == f'attachment; filename="{resource.download_filename}"'
    assert head["Content-Length"] == str(resource.file.size)
    assert client.head(f"/en/library/{external.slug}/download/").status_code == 302

    for item in (resource, external):
        item.refresh_from_db()
        assert item.download_count == 0


def test_a_visitor_repeating_a_download_within_a_minute_counts_once(client):
    resource = pdf_resource("Text.")
    external = ResourceFactory(external_url="https://example.org/report.html")

    for _attempt in range(3):
        b"".join(client.get(f"/en/library/{resource.slug}/download/").streaming_content)
        client.get(f"/en/library/{external.slug}/download/")
    b"".join(client.get(f"/en/library/{resource.slug}/download/", REMOTE_ADDR="192.0.2.7").streaming_content)

    resource.refresh_from_db()
    external.refresh_from_db()
    assert resource.download_count == 2  # two visitors
    assert external.download_count == 1


def test_downloads_work_and_count_while_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
        }
    }
    resource = pdf_resource("Text.")

    response = client.get(f"/en/library/{resource.slug}/download/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    resource.refresh_from_db()
    assert resource.download_count == 1


def test_external_resources_link_out_and_count(client):
    resource = ResourceFactory(external_url="https://example.org/report.html")
    response = client.get(f"/en/library/{resource.slug}/download/")
    assert response.status_code == 302
    assert response["Location"] == "https://example.org/report.html"
    resource.refresh_from_db()
    assert resource.download_count == 1


def test_missing_file_is_not_found(client):
    resource = pdf_resource("Text.")
    resource.file.storage.delete(resource.file.name)
    assert client.get(f"/en/library/{resource.slug}/download/").status_code == 404


def test_detail_shows_citations_download_and_related_ideas(client):
    idea = GoodIdeaFactory(title_en="Neighbourhood mothers")
    resource = pdf_resource("Text.", title_en="Mothers report", authors="Saunders, Doug; Omidvar, Ratna")
    resource.related_ideas.set([idea])
    content = client.get(resource.get_absolute_url()).content.decode()
    assert "Saunders, D., &amp; Omidvar, R. (2020). Mothers report." in content
    assert "author = {Saunders, Doug and Omidvar, Ratna}" in content
    assert "Neighbourhood mothers" in content
    assert "Download (PDF, " in content
    assert resource.get_download_url() in content


def test_idea_page_lists_its_published_resources(client):
    idea = GoodIdeaFactory()
    shown = ResourceFactory(title_en="Shown resource")
    shown.related_ideas.set([idea])
    ResourceFactory(title_en="Hidden resource", status="draft").related_ideas.set([idea])
    html = client.get(idea.get_absolute_url()).content.decode()
    assert f'<a href="{shown.get_absolute_url()}">Shown resource</a>' in html
    assert "Hidden resource" not in html
    assert idea.resources.count() == 2  # and the reverse relation is there for the idea's page


def test_idea_page_lists_its_resources_newest_first_from_kept_links(client):
    idea = GoodIdeaFactory()
    for title, year in (("Older guide", 2015), ("Newer report", 2021)):
        ResourceFactory(title_en=title, publication_year=year).related_ideas.set([idea])
    html = client.get(idea.get_absolute_url()).content.decode()
    assert html.index("Newer report") < html.index("Older guide")

    with CaptureQueriesContext(connection) as captured:
        again = client.get(idea.get_absolute_url()).content.decode()
    assert again.index("Newer report") < again.index("Older guide")
    # Their ids, not their rows: each link is kept in the fragment cache.
    assert not [query for query in captured if '"elibrary_resource"."title"' in query["sql"]]


def test_idea_page_shows_its_ten_newest_public_resources_not_those_scheduled_for_later(client):
    idea = GoodIdeaFactory()
    for number in range(12):
        ResourceFactory(title_en=f"Guide number {number:02}", publication_year=2000 + number).related_ideas.set([idea])
    later = timezone.now() + timedelta(days=2)
    ResourceFactory(title_en="Scheduled study", publish_at=later, publication_year=2030).related_ideas.set([idea])
    html = client.get(idea.get_absolute_url()).content.decode()
    assert html.index("Guide number 11") < html.index("Guide number 02")
    assert "Guide number 01" not in html  # the ten newest
    assert "Scheduled study" not in html


def test_linked_ids_refuse_a_kind_with_a_publication_rule_of_its_own():
    from core.publication import linked_ids

    with pytest.raises(ValueError, match="Item"):  # an e-zine item is public only in a public issue
        linked_ids(Resource.ezine_items, 1, ("pk",))


def test_resource_page_shows_the_ideas_it_informs_newest_first_from_kept_teasers(client):
    resource = ResourceFactory()
    older = GoodIdeaFactory(title_en="Older idea")
    newer = GoodIdeaFactory(title_en="Newer idea")
    GoodIdeaFactory(title_en="Draft idea", status="draft", published_at=None).resources.add(resource)
    older.published_at, newer.published_at = (
        older.published_at.replace(year=2020),
        newer.published_at.replace(year=2024),
    )
    older.save()
    newer.save()
    resource.related_ideas.add(older, newer)
    html = client.get(resource.get_absolute_url()).content.decode()
    assert html.index("Newer idea") < html.index("Older idea")
    assert "Draft idea" not in html

    with CaptureQueriesContext(connection) as captured:
        again = client.get(resource.get_absolute_url()).content.decode()
    assert again.index("Newer idea") < again.index("Older idea")
    # Their ids, not their rows: each teaser is kept in the fragment cache.
    assert not [query for query in captured if '"goodideas_goodidea"."title"' in query["sql"]]


@pytest.mark.parametrize("rows", [5, 50])
def test_list_query_count_does_not_grow(client, django_assert_max_num_queries, rows):
    work = Theme.objects.get(slug="work")
    city = CityFactory()
    for resource in ResourceFactory.create_batch(rows, summary_en="Refugees in cities."):
        resource.themes.set([work])
        resource.cities.set([city])
    with django_assert_max_num_queries(12):
        response = client.get(LIST.format("en"), {"q": "refugees", "theme": "work"})
    assert response.status_code == 200


def test_detail_query_count_does_not_grow(client, django_assert_max_num_queries, cold):
    from tests.conversations.factories import ItemFactory
    from tests.webinars.factories import WebinarFactory

    def cited(rows):
        resource.related_ideas.set(GoodIdeaFactory.create_batch(rows))
        resource.cities.set(CityFactory.create_batch(rows))
        for _ in range(rows):
            WebinarFactory().related_resources.add(resource)
            ItemFactory().related_resources.add(resource)

    resource = ResourceFactory()
    cited(1)
    # 16 when nothing is kept: the content version (ETag, fragments), the kept tables and who cites what
    # (with the time of the next scheduled publication), the ids of the ideas it informs, the rows of
    # the cards not kept.
    with django_assert_max_num_queries(16) as few:
        assert client.get(resource.get_absolute_url()).status_code == 200
    cited(10)
    cold()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(resource.get_absolute_url()).status_code == 200


def test_urls_reverse():
    assert reverse("elibrary:list") == "/en/library/"
    assert reverse("elibrary:detail", kwargs={"slug": "a"}) == "/en/library/a/"
    assert reverse("elibrary:download", kwargs={"slug": "a"}) == "/en/library/a/download/"


def test_sitemap_lists_published_resources(client):
    shown = ResourceFactory(title_fr="Rapport")
    hidden = ResourceFactory(status="draft")
    content = client.get("/sitemap.xml").content.decode()
    assert f"/en/library/{shown.slug}/" in content
    assert f"/fr/library/{shown.slug}/" in content
    assert f"/de/library/{shown.slug}/" not in content
    assert f"/library/{hidden.slug}/" not in content


def test_bibtex_escapes_text_but_not_the_address():
    from elibrary.citations import bibtex

    resource = ResourceFactory.build(
        title_en="Jobs & skills: 100% local", external_url="https://example.org/a_b?x=1%20"
    )
    entry = bibtex(resource, "https://portal.example/library/x/")
    assert r"title = {Jobs \& skills: 100\% local}" in entry
    assert "url = {https://example.org/a_b?x=1%20}" in entry
    assert entry.startswith("@techreport{")


def test_a_change_shows_at_once_despite_the_cache(client):
    from elibrary.services import resource_save

    ResourceFactory(title_en="First")
    assert client.get(LIST.format("en")).context["paginator"].count == 1
    second = ResourceFactory.build(title_en="Second", publisher=None)
    resource_save(resource=second, file_changed=False)
    response = client.get(LIST.format("en"))
    assert response.context["paginator"].count == 2
    assert "Second" in response.content.decode()


def test_admin_delete_shows_at_once(admin_client, client):
    resource = ResourceFactory(title_en="Going away")
    assert "Going away" in client.get(LIST.format("en")).content.decode()
    admin_client.post(f"/admin/elibrary/resource/{resource.pk}/delete/", {"post": "yes"})
    assert "Going away" not in client.get(LIST.format("en")).content.decode()


def test_a_theme_or_place_in_the_address_is_read_from_the_kept_tables_without_a_query(settings, warm_queries):
    settings.LIST_COUNTS_CACHE_SECONDS = 60
    work = Theme.objects.get(slug="work")
    ResourceFactory(title_en="On work").themes.set([work])
    ResourceFactory(title_en="On nothing")
    (unfiltered, _), (filtered, response) = warm_queries("/fr/library/", "/fr/library/?theme=work")

    assert [resource.title for resource in response.context["object_list"]] == ["On work"]
    assert [chip.label for chip in response.context["active_filters"]] == ["Travailler"]  # named in the page's language
    assert filtered == unfiltered


@pytest.mark.parametrize(
    ("language", "download", "pages"),
    [("fr", "Télécharger (PDF, ", "1 page"), ("de", "Herunterladen (PDF, ", "1 Seite")],
)
def test_a_resource_page_gives_its_file_in_the_page_language(client, language, download, pages):
    resource = pdf_resource(
        "A guide to welcome desks.", title_en="Welcome desks guide", authors="Saunders, D.; Omidvar, R."
    )

    with translation.override(language):
        html = client.get(resource.get_absolute_url()).content.decode()

    assert download in html
    assert re.search(rf"<dd>PDF, [^<]+, {pages}</dd>", html)
    assert '<p class="resource__authors">Saunders, D.; Omidvar, R.</p>' in html
    assert '<span class="fallback-badge">' in html  # the title is in English only, and says so
