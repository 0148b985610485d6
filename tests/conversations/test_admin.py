"""The editors' admin: composing an issue with ordered items, preview links, sending to subscribers."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from conversations.models import Delivery, Issue, IssueSend
from tests.conversations.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def test_admin_action_sends_issue_through_a_job_with_its_progress(client, editor, admin_issue, run_jobs, site_url):
    SubscriberFactory.create_batch(3)
    client.force_login(editor)
    response = client.post(
        "/admin/conversations/issue/",
        {"action": "send_to_subscribers", "_selected_action": [admin_issue.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "/admin/conversations/issuesend/" in response.content.decode()
    assert run_jobs() == [("conversations.send_issue", "succeeded")]
    assert len(mail.outbox) == 3
    assert Delivery.objects.filter(issue=admin_issue).count() == 3
    sending = IssueSend.objects.get()
    assert (sending.status, sending.total, sending.sent, sending.failed) == ("done", 3, 3, 0)
    assert "done" in client.get("/admin/conversations/issuesend/").content.decode().lower()


def test_a_refused_address_counts_as_failed_and_a_new_sending_resumes_without_duplicates(
    client, editor, admin_issue, run_jobs, site_url, monkeypatch
):
    SubscriberFactory.create_batch(2)
    refused = SubscriberFactory(email="refused@example.org")
    real_send = EmailMultiAlternatives.send

    def send(message, fail_silently=False):
        if message.to == [refused.email]:
            raise ConnectionRefusedError("the mail server said no")
        return real_send(message, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send)
    client.force_login(editor)
    action = {"action": "send_to_subscribers", "_selected_action": [admin_issue.pk]}
    client.post("/admin/conversations/issue/", action)
    run_jobs()
    first = IssueSend.objects.get()
    assert (first.status, first.sent, first.failed) == ("done", 2, 1)

    monkeypatch.setattr(EmailMultiAlternatives, "send", real_send)
    client.post("/admin/conversations/issue/", action)
    run_jobs()

    assert sorted(message.to[0] for message in mail.outbox).count(refused.email) == 1
    assert len(mail.outbox) == 3
    assert Delivery.objects.filter(issue=admin_issue).count() == 3


def test_admin_pages_and_preview_link(client, editor, admin_issue):
    client.force_login(editor)
    response = client.get(f"/admin/conversations/issue/{admin_issue.pk}/change/")
    assert response.status_code == 200
    assert admin_issue.get_preview_url() in response.content.decode()
    SubscriberFactory()
    item = admin_issue.items.get()
    for path in [
        "/admin/conversations/issue/",
        "/admin/conversations/issue/add/",
        "/admin/conversations/newsitem/add/",
        "/admin/conversations/item/",
        f"/admin/conversations/item/{item.pk}/change/",
        "/admin/conversations/subscriber/",
        "/admin/conversations/delivery/",
    ]:
        assert client.get(path).status_code == 200


def test_admin_composes_an_issue_with_ordered_items_and_refuses_duplicate_slugs(client, editor):
    client.force_login(editor)

    def item(n, slug, position):
        return {
            f"items-{n}-position": position,
            f"items-{n}-kind": "article",
            f"items-{n}-title_en": f"Item {slug}",
            f"items-{n}-slug": slug,
            f"items-{n}-media_url": "",
        }

    data = {
        "number": 30,
        "title_en": "Composed issue",
        "slug": "",
        "status": "published",
        "publish_untranslated": "on",
        "publish_at_0": "2020-01-01",
        "publish_at_1": "09:00:00",
        "items-TOTAL_FORMS": 2,
        "items-INITIAL_FORMS": 0,
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
        **item(0, "same", 2),
        **item(1, "same", 1),
    }
    response = client.post("/admin/conversations/issue/add/", data)
    assert response.status_code == 200  # the form again, with an error
    assert not Issue.objects.filter(number=30).exists()

    data.update(item(1, "other", 1))
    response = client.post("/admin/conversations/issue/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    admin_issue = Issue.objects.get(number=30)
    assert [i.slug for i in admin_issue.items.all()] == ["other", "same"]
    assert client.get("/en/conversations/30/").status_code == 200
