"""An e-zine item's related E-Library resources: on the item page (published only) and in the admin."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.elibrary.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_item_page_lists_published_library_resources(client, item):
    shown = ResourceFactory(
        title_en="Welcome desks for international residents",
        title_de="Willkommensschalter für internationale Einwohner",
        kind="toolkit",
        publication_year=2017,
    )
    hidden = ResourceFactory(title_en="Draft report", status="draft")
    scheduled = ResourceFactory(title_en="Scheduled report", publish_at=timezone.now() + timedelta(days=2))
    item.related_resources.set([shown, hidden, scheduled])

    content = client.get(item.get_absolute_url()).content.decode()
    assert "Library resources" in content
    assert f'<a href="{shown.get_absolute_url()}">Welcome desks for international residents</a>' in content
    assert "Toolkit, 2017" in content
    assert "Draft report" not in content
    assert "Scheduled report" not in content

    german = client.get(item.get_absolute_url().replace("/en/", "/de/", 1)).content.decode()
    assert "Bibliotheksressourcen" in german
    assert "Willkommensschalter für internationale Einwohner" in german


def test_item_without_resources_shows_no_section(client, item):
    assert "library-resources-heading" not in client.get(item.get_absolute_url()).content.decode()


def _count(client, address):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_item_page_query_count_does_not_grow_with_resources(client, item, django_assert_max_num_queries):
    item.related_resources.set(ResourceFactory.create_batch(5))
    small = _count(client, item.get_absolute_url())
    item.related_resources.set(ResourceFactory.create_batch(50))
    with django_assert_max_num_queries(small):
        response = client.get(item.get_absolute_url())
    assert response.content.decode().count('class="idea-teasers__org"') == 50


def test_editor_links_resources_in_the_admin(client, editor, item):
    client.force_login(editor)
    page = client.get(reverse("admin:conversations_item_change", args=[item.pk])).content.decode()
    assert 'name="related_resources"' in page
    issue_page = client.get(reverse("admin:conversations_issue_change", args=[item.issue.pk])).content.decode()
    assert 'name="items-0-related_resources"' in issue_page
