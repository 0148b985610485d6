"""Two app servers behind HAProxy: nothing a member needs is kept in one server's memory or disk.

Sessions are rows of the database, the CSRF token is a cookie, the content version is a row of the
database (core/versioning.py), and rate limits count in Redis: a member signs in on one server and
posts through the other.
"""

import re

import pytest
import requests

from community.models import Thread
from tests.community.factories import PASSWORD, TopicFactory, UserFactory
from tests.deploy.conftest import free_port, gunicorn, haproxy

pytestmark = pytest.mark.usefixtures("transactional_db", "django_db_serialized_rollback")


def csrf_token(page: requests.Response) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert found, f"no form on {page.url}"
    return found.group(1)


def sign_in(browser: requests.Session, server: str, email: str) -> requests.Response:
    page = browser.get(f"{server}/en/accounts/login/")
    return browser.post(
        f"{server}/en/accounts/login/",
        data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": csrf_token(page)},
        allow_redirects=False,
    )


def start_thread(browser: requests.Session, server: str, topic, title: str) -> requests.Response:
    page = browser.get(f"{server}/en/community/{topic.slug}/")
    assert page.status_code == 200
    form = {"title": title, "kind": "question", "body": "Who has tried this?", "website_url": ""}
    return browser.post(
        f"{server}/en/community/{topic.slug}/",
        data={**form, "csrfmiddlewaretoken": csrf_token(page)},
        allow_redirects=False,
    )


def test_a_member_signs_in_on_one_server_and_posts_through_the_other(app_servers, site):
    member = UserFactory()
    topic = TopicFactory()
    server_a, server_b = site.apps
    browser = requests.Session()

    signed_in = sign_in(browser, server_a, member.email)
    assert signed_in.status_code == 302, signed_in.text[-2000:]
    assert "sessionid" in browser.cookies

    # Server B knows the session that server A opened, and accepts the CSRF token A gave.
    posted = start_thread(browser, server_b, topic, "Language cafés in the library?")
    assert posted.status_code == 302, posted.text[-2000:]
    thread = Thread.objects.get(title="Language cafés in the library?")
    assert thread.author == member

    # Both servers show it, to anyone.
    for server in site.apps:
        shown = requests.get(f"{server}{thread.get_absolute_url()}")
        assert shown.status_code == 200
        assert "Language cafés in the library?" in shown.text


def test_through_the_balancer_requests_go_to_both_servers_and_the_member_stays_signed_in(balancer, site):
    member = UserFactory()
    browser = requests.Session()
    assert sign_in(browser, site.balancer, member.email).status_code == 302

    served_by = []
    for _ in range(4):
        page = browser.get(f"{site.balancer}/en/accounts/profile/", allow_redirects=False)
        assert page.status_code == 200, f"{page.headers.get('X-Served-By')} did not know the session"
        served_by.append(page.headers["X-Served-By"])
    assert set(served_by) == {"app1", "app2"}


def test_the_posting_limit_counts_across_servers(app_servers, site, settings):
    """Five threads per member in ten minutes (COMMUNITY_POST_RATE), wherever they are posted: the
    count is in the shared cache (Redis), not in each server's memory."""
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("set REDIS_URL: without Redis each app server counts in its own memory")
    limit, _period = settings.COMMUNITY_POST_RATE
    member = UserFactory()
    topic = TopicFactory()
    browser = requests.Session()
    assert sign_in(browser, site.apps[0], member.email).status_code == 302

    answers = [start_thread(browser, site.apps[n % 2], topic, f"Question {n}").status_code for n in range(limit + 1)]

    assert answers == [302] * limit + [429]
    assert Thread.objects.filter(author=member).count() == limit


@pytest.fixture
def server_to_lose(app_servers, app_env, deploy_dir, ports):
    """A balancer of its own over app server 1 and a third server that the test stops: (address, server)."""
    spare_port, balancer_port = free_port(), free_port()
    spare = gunicorn("spare", spare_port, app_env, deploy_dir, workers=1)
    try:
        spare.wait_until(f"http://127.0.0.1:{spare_port}/healthz")
        balancer = haproxy(balancer_port, ports["app1"], spare_port, deploy_dir / "haproxy-spare.log")
    except BaseException:
        spare.stop()
        raise
    yield f"http://127.0.0.1:{balancer_port}", spare
    balancer.stop()
    spare.stop()


def test_a_server_lost_mid_day_costs_no_visitor_an_error(server_to_lose):
    """HAProxy retries a request the lost server refuses on the other one (option redispatch), before
    its health checks have even taken the server out."""
    address, spare = server_to_lose
    assert {requests.get(f"{address}/en/").headers["X-Served-By"] for _ in range(4)} == {"app1", "app2"}

    spare.stop()
    answers = [requests.get(f"{address}/en/") for _ in range(6)]

    assert [answer.status_code for answer in answers] == [200] * 6
    assert {answer.headers["X-Served-By"] for answer in answers} == {"app1"}
