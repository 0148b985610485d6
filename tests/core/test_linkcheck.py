"""The weekly link check, through the real queue, against a local HTTP server the test starts."""

import itertools

import pytest
from procrastinate.contrib.django.models import ProcrastinateJob

from core.models import ExternalLink
from portal import tasks
from tests.elibrary.factories import ResourceFactory
from tests.goodideas.factories import FurtherReadingFactory, GoodIdeaFactory
from tests.webinars.factories import WebinarFactory


@pytest.fixture
def checked(link_server, run_jobs, site_url):
    """Content linking to the local server (and to a closed port), then one link-check run."""
    base, seen, refused = link_server
    idea = GoodIdeaFactory(contact_website=f"{base}/ok")
    FurtherReadingFactory(idea=idea, url=f"{base}/gone")
    ResourceFactory(external_url=f"{base}/no-head")
    ResourceFactory(external_url=refused)
    WebinarFactory(recording_url=f"{base}/slow")
    ExternalLink.objects.create(url="https://no-longer-linked.example/")
    job_id = tasks.check_links.defer(timestamp=0)
    run_jobs()
    assert ProcrastinateJob.objects.get(id=job_id).status == "succeeded"
    links = {link.url.replace(base, ""): link for link in ExternalLink.objects.all()}
    return links, seen, idea


def test_each_link_gets_its_status_and_date(checked):
    links, _seen, _idea = checked

    assert {url: link.status_code for url, link in links.items() if url.startswith("/")} == {
        "/ok": 200,
        "/gone": 404,
        "/no-head": 200,
        "/slow": None,
    }
    assert all(link.checked_at for link in links.values())
    assert "https://no-longer-linked.example/" not in links


def test_what_did_not_answer_is_broken_with_its_error(checked):
    links, _seen, _idea = checked
    refused = next(link for url, link in links.items() if url.endswith("/nothing"))

    assert refused.broken
    assert "refused" in refused.error.lower()
    assert "timed out" in links["/slow"].error.lower()
    assert sorted(url for url, link in links.items() if link.broken) == sorted(["/gone", "/slow", refused.url])


def test_head_first_then_get_only_when_head_is_refused_with_a_clear_user_agent(checked):
    _links, seen, _idea = checked

    assert [(method, path) for method, path, _agent, _at in seen if path == "/no-head"] == [
        ("HEAD", "/no-head"),
        ("GET", "/no-head"),
    ]
    assert [method for method, path, _agent, _at in seen if path == "/ok"] == ["HEAD"]
    assert {agent for _m, _p, agent, _at in seen} == {
        "CitiesOfMigration-LinkCheck/1.0 (+https://citiesofmigration.example)"
    }


def test_one_request_per_host_at_a_time_a_pause_between(checked):
    _links, seen, _idea = checked
    times = [at for _method, path, _agent, at in seen if path != "/no-head"]  # HEAD then GET is one visit

    assert min(later - earlier for earlier, later in itertools.pairwise(times)) >= 0.45


def test_editors_list_broken_links_and_filter_ideas_and_resources(checked, client, editor):
    _links, _seen, idea = checked
    client.force_login(editor)

    broken = client.get("/admin/core/externallink/?broken__exact=1").content.decode()
    assert "/gone" in broken
    assert "/ok<" not in broken
    ideas = client.get("/admin/goodideas/goodidea/?links=broken").content.decode()
    assert f"/admin/goodideas/goodidea/{idea.pk}/change/" in ideas
    resources = client.get("/admin/elibrary/resource/?links=broken")
    assert resources.context["cl"].result_count == 1
