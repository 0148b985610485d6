"""Alerts ("e-mail me when something new matches"), end to end through the real queue."""

import re
from datetime import timedelta

import pytest
from django.core import mail as outbox
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from core import alerts, tasks
from core.models import Alert
from portal.tasks import SCHEDULE
from tests.goodideas.factories import GoodIdeaFactory
from tests.places.factories import CityFactory

pytestmark = pytest.mark.usefixtures("site_url")


def run_digests(run_jobs):
    before = len(outbox.outbox)
    job_id = tasks.send_alert_digests.defer(timestamp=int(timezone.now().timestamp()))
    run_jobs()
    assert ProcrastinateJob.objects.get(id=job_id).status == "succeeded"
    return outbox.outbox[before:]


def link(message, name):
    return re.search(rf"https://citiesofmigration\.example(/\w\w/alerts/{name}/[^\s]+/)", message.body).group(1)


def test_the_digest_is_in_the_one_schedule():
    assert SCHEDULE["core.send_alert_digests"] == "37 * * * *"


def test_visitor_subscribes_confirms_gets_one_digest_in_french_and_unsubscribes(client, run_jobs):
    toronto, paris = CityFactory(slug="toronto", name_en="Toronto"), CityFactory(slug="paris", name_en="Paris")
    page = client.get("/fr/alerts/new/ideas/?city=toronto&page=3&bogus=1&sort=title")
    assert page.status_code == 200
    assert 'value="city=toronto"' in page.content.decode()

    response = client.post(
        "/fr/alerts/new/ideas/", {"email": "Ana@Example.org", "frequency": "daily", "query": "city=toronto&bogus=1"}
    )
    assert response.status_code == 302
    alert = Alert.objects.get()
    assert (alert.email, alert.query, alert.language, alert.confirmed_at) == (
        "ana@example.org",
        "city=toronto",
        "fr",
        None,
    )
    confirm = link(outbox.outbox[-1], "confirm")
    assert run_digests(run_jobs) == []  # unconfirmed: nothing

    assert client.post(confirm).status_code == 200
    GoodIdeaFactory(city=toronto, title_fr="Des emplois à Toronto", title="Jobs in Toronto")
    GoodIdeaFactory(city=paris, title="Jobs in Paris")

    sent = run_digests(run_jobs)
    assert len(sent) == 1
    message = sent[0]
    assert message.to == ["ana@example.org"]
    assert message.extra_headers["Content-Language"] == "fr"
    assert "Nouveau" in message.subject
    assert "Toronto" in message.body
    assert "Paris" not in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://citiesofmigration.example/fr/alerts/")

    Alert.objects.update(last_sent_at=timezone.now() - timedelta(days=2))
    assert run_digests(run_jobs) == []  # never twice the same idea, nothing new: no mail

    unsubscribe = link(message, "unsubscribe")
    assert "Bonnes idées · Ville : Toronto" in client.get(unsubscribe).content.decode()
    assert client.post(unsubscribe).status_code == 200
    assert not Alert.objects.exists()
    assert client.post(unsubscribe).status_code == 404


@pytest.mark.django_db
def test_a_member_saves_an_alert_at_once_and_sees_it_on_their_alerts_page(client, django_user_model):
    CityFactory(slug="lyon")
    user = django_user_model.objects.create_user("bea", "bea@example.org", "a long password 123")
    client.force_login(user)
    response = client.post("/en/alerts/new/library/", {"frequency": "weekly", "query": "theme=work&page=2"})
    assert response.status_code == 302
    alert = Alert.objects.get()
    assert (alert.user, alert.query, alert.confirmed_at is not None) == (user, "theme=work", True)
    assert outbox.outbox == []
    page = client.get("/en/alerts/")
    assert "E-Library · Theme: Work" in page.content.decode()
    assert alerts.alerts_export(user=user, addresses={"bea@example.org"})[0]["filters"] == "theme=work"
    user.delete()
    assert not Alert.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/en/alerts/new/nothing/", "/en/alerts/confirm/forged/", "/en/alerts/unsubscribe/x/", "/en/alerts/manage/x/"],
)
def test_bad_links_are_friendly_404s(client, url):
    response = client.get(url)
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_visitor_must_give_an_address(client):
    response = client.post("/de/alerts/new/news/", {"frequency": "weekly", "query": ""})
    assert response.status_code == 200
    assert not Alert.objects.exists()


@pytest.mark.django_db
def test_lists_and_city_pages_offer_the_alert(client):
    city = CityFactory(slug="toronto")
    GoodIdeaFactory(city=city)
    assert "/en/alerts/new/ideas/?city=toronto" in client.get(city.get_absolute_url()).content.decode()
    for url, kind in (("/en/ideas/?theme=work", "ideas"), ("/en/library/", "library"), ("/en/news/", "news")):
        assert f"/en/alerts/new/{kind}/" in client.get(url).content.decode()


@pytest.mark.django_db
def test_alert_pages_query_count_does_not_grow_with_alerts(client, django_user_model, django_assert_max_num_queries):
    user = django_user_model.objects.create_user("cy", "cy@example.org", "a long password 123")
    for kind, query in (("ideas", "theme=work"), ("library", ""), ("news", "theme=work"), ("ideas", "city=lyon")):
        alerts.alert_create(kind=kind, query=query, frequency="daily", language="en", user=user)
    client.force_login(user)
    with django_assert_max_num_queries(6):
        page = client.get("/de/alerts/")
    assert page.content.decode().count("/de/alerts/unsubscribe/") == 4
    manage = f"/en/alerts/manage/{alerts.manage_token('cy@example.org')}/"
    with django_assert_max_num_queries(5):
        assert client.get(manage).content.decode().count("/en/alerts/unsubscribe/") == 4
    with django_assert_max_num_queries(6):
        assert client.get("/fr/alerts/new/ideas/?theme=work").status_code == 200


def test_the_daily_purge_deletes_alerts_never_confirmed_once_their_link_has_expired(run_jobs):
    now = timezone.now()
    expired = Alert.objects.create(kind="ideas", email="late@example.org", sent_up_to=now)
    Alert.objects.create(kind="ideas", email="soon@example.org", sent_up_to=now)  # its link still works
    confirmed = Alert.objects.create(kind="ideas", email="kept@example.org", sent_up_to=now, confirmed_at=now)
    Alert.objects.filter(pk__in=[expired.pk, confirmed.pk]).update(created_at=now - timedelta(days=8))

    from portal.tasks import purge_subscriptions

    purge_subscriptions.defer(timestamp=int(now.timestamp()))
    run_jobs()  # through the worker, as the schedule runs it daily

    assert set(Alert.objects.values_list("email", flat=True)) == {"soon@example.org", "kept@example.org"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Good Ideas · Theme: Work · City: Toronto · Region: Europe · words: housing"),
        ("fr", "Bonnes idées · Thème : Travailler · Ville : Toronto · Région : Europe · mots : housing"),
        ("de", "Gute Ideen · Thema: Arbeiten · Stadt: Toronto · Region: Europa · Wörter: housing"),
    ],
)
def test_an_alert_is_described_by_names_in_each_language(client, django_user_model, language, expected):
    CityFactory(slug="toronto", name_en="Toronto")
    user = django_user_model.objects.create_user("di", "di@example.org", "a long password 123")
    alerts.alert_create(
        kind="ideas",
        query="region=europe&q=housing&theme=work&city=toronto",
        frequency="daily",
        language="en",
        user=user,
    )
    client.force_login(user)

    assert expected in client.get(f"/{language}/alerts/").content.decode()


@pytest.mark.django_db
def test_alert_names_are_kept_so_the_alerts_page_asks_nothing_per_alert(
    client, django_user_model, django_assert_max_num_queries
):
    user = django_user_model.objects.create_user("ed", "ed@example.org", "a long password 123")
    alerts.alert_create(kind="ideas", query="theme=work", frequency="daily", language="en", user=user)
    client.force_login(user)
    with django_assert_max_num_queries(6) as few:
        client.get("/en/alerts/")
    for number in range(6):
        city = CityFactory(slug=f"town-{number}", name_en=f"Town {number}")
        query = f"city={city.slug}&theme=live&region=africa&q=words{number}"
        alerts.alert_create(kind="ideas", query=query, frequency="weekly", language="en", user=user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/en/alerts/").content.decode()
    assert "Good Ideas · Theme: Live · City: Town 5 · Region: Africa · words: words5" in page


def test_the_confirmation_e_mail_and_the_digest_offer_one_click_unsubscribe(client, run_jobs):
    """RFC 8058: List-Unsubscribe with an https address and List-Unsubscribe-Post; the mail program POSTs
    "List-Unsubscribe=One-Click" there without a CSRF token, and the alert is gone."""
    from django.test import Client

    city = CityFactory(slug="lyon", name_en="Lyon")
    alerts.alert_create(kind="ideas", query="city=lyon", frequency="daily", language="de", email="fay@example.org")
    confirmation = outbox.outbox[-1]
    assert confirmation.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert confirmation.extra_headers["List-Unsubscribe"].startswith("<https://citiesofmigration.example/de/alerts/")
    client.post(link(confirmation, "confirm"))
    GoodIdeaFactory(city=city)

    (digest,) = run_digests(run_jobs)

    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = digest.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("https://citiesofmigration.example")
    mail_program = Client(enforce_csrf_checks=True)
    assert mail_program.post(one_click, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Alert.objects.exists()


@pytest.mark.django_db
def test_the_admin_lists_alerts_with_address_member_list_and_state(admin_client, django_user_model):
    CityFactory(slug="toronto", name_en="Toronto")
    member = django_user_model.objects.create_user("gus", "gus@example.org", "a long password 123")
    alerts.alert_create(kind="ideas", query="city=toronto", frequency="daily", language="en", user=member)
    alerts.alert_create(kind="library", query="", frequency="weekly", language="fr", email="hal@example.org")

    page = admin_client.get("/admin/core/alert/").content.decode()
    assert "gus@example.org" in page
    assert "hal@example.org" in page
    assert "Good Ideas · City: Toronto" in page
    assert 'alt="False"' in page  # hal has not confirmed yet

    waiting = admin_client.get("/admin/core/alert/?confirmed=no").content.decode()
    assert "hal@example.org" in waiting
    assert "gus@example.org" not in waiting
    assert "gus@example.org" not in admin_client.get("/admin/core/alert/?list=library").content.decode()
    found = admin_client.get("/admin/core/alert/?q=HAL@example").content.decode()
    assert "hal@example.org" in found
    assert "gus@example.org" not in found
    assert admin_client.get("/admin/core/alert/add/").status_code == 403
    alert = Alert.objects.get(email="hal@example.org")
    change = admin_client.get(f"/admin/core/alert/{alert.pk}/change/").content.decode()
    assert 'name="frequency"' in change
    assert 'name="email"' not in change  # read-only: the owner's, not the editors'


def test_the_digest_job_names_alerts_saved_before_names_were_kept(run_jobs):
    CityFactory(slug="lyon", name_en="Lyon")
    now = timezone.now()
    older = Alert.objects.create(kind="ideas", query="city=lyon", email="old@example.org", sent_up_to=now)

    run_digests(run_jobs)

    older.refresh_from_db()
    assert older.descriptions["de"] == "Gute Ideen · Stadt: Lyon"
