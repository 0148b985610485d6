"""A webinar's related E-Library resources: on the webinar page (published only) and in the admin."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.elibrary.factories import ResourceFactory
from tests.webinars.factories import SpeakerFactory, WebinarFactory

pytestmark = pytest.mark.django_db


def test_webinar_page_lists_published_library_resources(client):
    webinar = WebinarFactory()
    shown = ResourceFactory(
        title_en="Libraries as language spaces", title_fr="Les bibliothèques, lieux de langue", publication_year=2019
    )
    hidden = ResourceFactory(title_en="Draft report", status="draft")
    scheduled = ResourceFactory(title_en="Scheduled report", publish_at=timezone.now() + timedelta(days=2))
    webinar.related_resources.set([shown, hidden, scheduled])

    content = client.get(webinar.get_absolute_url()).content.decode()
    assert "Library resources" in content
    assert f'<a href="{shown.get_absolute_url()}">Libraries as language spaces</a>' in content
    assert "Research report, 2019" in content
    assert "Draft report" not in content
    assert "Scheduled report" not in content

    french = client.get(webinar.get_absolute_url().replace("/en/", "/fr/", 1)).content.decode()
    assert "Ressources de la bibliothèque" in french
    assert "Les bibliothèques, lieux de langue" in french


def test_webinar_without_published_resources_shows_no_section(client):
    webinar = WebinarFactory()
    webinar.related_resources.set([ResourceFactory(status="draft")])
    assert "library-resources-heading" not in client.get(webinar.get_absolute_url()).content.decode()


def _count(client, address):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_webinar_page_query_count_does_not_grow_with_resources(client, django_assert_max_num_queries):
    webinar = WebinarFactory(speakers=[SpeakerFactory() for _ in range(3)])
    webinar.related_resources.set(ResourceFactory.create_batch(5))
    small = _count(client, webinar.get_absolute_url())
    webinar.related_resources.set(ResourceFactory.create_batch(50))
    with django_assert_max_num_queries(small):
        response = client.get(webinar.get_absolute_url())
    assert response.content.decode().count('class="idea-teasers__org"') == 50


def test_editor_links_resources_in_the_admin(client, editor):
    webinar = WebinarFactory()
    ResourceFactory(title_en="Anti-rumour handbook")
    client.force_login(editor)
    page = client.get(reverse("admin:webinars_webinar_change", args=[webinar.pk])).content.decode()
    assert 'name="related_resources"' in page
    assert "admin-autocomplete" in page
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "webinars", "model_name": "webinar", "field_name": "related_resources", "term": "rumour"},
    )
    assert [row["text"] for row in response.json()["results"]] == ["Anti-rumour handbook"]
