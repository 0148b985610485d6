"""The resource page lists the published webinars and e-zine items that point to it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conversations.models import Issue
from tests.conversations.factories import IssueFactory, ItemFactory
from tests.elibrary.factories import ResourceFactory
from tests.webinars.factories import WebinarFactory

pytestmark = pytest.mark.django_db


def test_resource_page_lists_webinars_and_ezine_items_that_link_to_it(client):
    resource = ResourceFactory()
    webinar = WebinarFactory(title_en="Libraries as first stops", title_fr="Les bibliothèques, premières étapes")
    webinar.related_resources.add(resource)
    WebinarFactory(title_en="Unpublished webinar", status="draft").related_resources.add(resource)
    WebinarFactory(title_en="Unlinked webinar")
    item = ItemFactory(issue=IssueFactory(number=4), title_en="Answering rumours with conversation")
    item.related_resources.add(resource)
    draft = ItemFactory(issue=IssueFactory(status=Issue.Status.DRAFT), title_en="Draft item")
    draft.related_resources.add(resource)
    later = ItemFactory(issue=IssueFactory(publish_at=timezone.now() + timedelta(days=3)), title_en="Scheduled item")
    later.related_resources.add(resource)

    content = client.get(resource.get_absolute_url()).content.decode()
    assert "Discussed in webinars" in content
    assert "Libraries as first stops" in content
    assert "In the e-zine" in content
    assert f'<a href="{item.get_absolute_url()}">Answering rumours with conversation</a>' in content
    assert "Issue No. 4" in content
    for absent in ["Unpublished webinar", "Unlinked webinar", "Draft item", "Scheduled item"]:
        assert absent not in content

    french = client.get(resource.get_absolute_url().replace("/en/", "/fr/", 1)).content.decode()
    assert "Abordé dans les webinaires" in french
    assert "Les bibliothèques, premières étapes" in french


def test_resource_page_without_links_shows_neither_list(client):
    content = client.get(ResourceFactory().get_absolute_url()).content.decode()
    assert "webinars-title" not in content
    assert "ezine-title" not in content


def _count(client, address):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def _link(resource, count):
    for _n in range(count):
        WebinarFactory().related_resources.add(resource)
        ItemFactory(issue=IssueFactory()).related_resources.add(resource)


def test_resource_page_query_count_does_not_grow_with_links(client, django_assert_max_num_queries):
    resource = ResourceFactory()
    _link(resource, 5)
    small = _count(client, resource.get_absolute_url())
    _link(resource, 45)
    with django_assert_max_num_queries(small):
        response = client.get(resource.get_absolute_url())
    content = response.content.decode()
    assert content.count("/en/webinars/") >= 50
    assert content.count("/en/conversations/") >= 50
