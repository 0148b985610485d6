"""Review (core.review): send for review, publish or send back with a comment, shared preview links;
freshness: "confirm still accurate" and the freshness page."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.utils import timezone

from community.models import Profile
from core import review
from core.models import ExternalLink, ReviewNote
from goodideas.models import GoodIdea
from tests.goodideas.factories import GoodIdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(django_user_model):
    """A second editor, who reads e-mail in German."""
    user = django_user_model.objects.create_user(
        "reviewer", "reviewer@example.org", "a long password 123", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    Profile.objects.create(user=user, display_name="Rita", preferred_language="de")
    return user


@pytest.fixture
def draft():
    return GoodIdeaFactory(status=GoodIdea.Status.DRAFT, published_at=None, title_en="Neighbourhood mentors")


def _action(client, name, idea):
    return client.post("/admin/goodideas/goodidea/", {"action": name, "_selected_action": [idea.pk], "index": 0})


@pytest.fixture
def in_review(client, editor, reviewer, draft, django_capture_on_commit_callbacks):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        _action(client, "send_for_review", draft)
    client.force_login(reviewer)
    return draft


def test_sending_for_review_mails_the_other_editors_in_their_language(in_review, reviewer):
    assert GoodIdea.objects.get(pk=in_review.pk).status == GoodIdea.Status.IN_REVIEW
    assert [message.to for message in mail.outbox] == [["reviewer@example.org"]]
    assert mail.outbox[0].extra_headers["Content-Language"] == "de"
    assert "Neighbourhood mentors" in mail.outbox[0].subject
    assert f"/admin/goodideas/goodidea/{in_review.pk}/review/" in mail.outbox[0].body


def test_the_review_page_shows_the_preview_and_the_changes(client, in_review, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        response = client.get(f"/admin/goodideas/goodidea/{in_review.pk}/review/")

    assert in_review.get_preview_url().encode() in response.content
    assert b"/en/preview/shared/" in response.content
    assert b'name="decision" value="send-back"' in response.content


def test_sending_back_needs_a_comment(client, in_review):
    response = client.post(
        f"/admin/goodideas/goodidea/{in_review.pk}/review/", {"decision": "send-back", "comment": " "}
    )

    assert response.status_code == 200
    assert b"the comment is required" in response.content
    assert GoodIdea.objects.get(pk=in_review.pk).status == GoodIdea.Status.IN_REVIEW


def test_sending_back_keeps_the_comment_and_mails_the_author(client, in_review, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/goodideas/goodidea/{in_review.pk}/review/", {"decision": "send-back", "comment": "Add the city."}
        )

    assert response.status_code == 302
    assert GoodIdea.objects.get(pk=in_review.pk).status == GoodIdea.Status.DRAFT
    assert ReviewNote.objects.filter(step="sent-back", comment="Add the city.").exists()
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]
    assert "Add the city." in mail.outbox[0].body
    change = client.get(f"/admin/goodideas/goodidea/{in_review.pk}/change/")
    assert "“Add the city.”" in change.content.decode()


def test_publishing_from_the_review_page(client, in_review, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/goodideas/goodidea/{in_review.pk}/review/", {"decision": "publish", "comment": ""})

    assert GoodIdea.objects.get(pk=in_review.pk).is_published
    assert [note.step for note in review.notes(in_review)] == ["published", "sent"]
    assert "published" in mail.outbox[0].body


def test_a_non_staff_member_cannot_review(client, in_review, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", "reader@example.org", "a long password 123"))

    response = client.post(f"/admin/goodideas/goodidea/{in_review.pk}/review/", {"decision": "publish"})

    assert response.status_code == 302
    assert GoodIdea.objects.get(pk=in_review.pk).status == GoodIdea.Status.IN_REVIEW


def test_a_shared_preview_link_shows_the_draft_to_anyone(client, draft):
    response = client.get(review.shared_preview_url(draft))

    assert response.status_code == 200
    assert b"Neighbourhood mentors" in response.content
    assert b"an editor shared this preview with you" in response.content
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_shared_preview_link_is_read_only(client, draft):
    assert client.post(review.shared_preview_url(draft)).status_code == 405


def test_a_tampered_shared_preview_link_is_not_found(client, draft):
    other = GoodIdeaFactory(status=GoodIdea.Status.DRAFT, published_at=None)
    token = review.shared_preview_token(draft).replace(f'"pk":{draft.pk}', f'"pk":{other.pk}')

    assert client.get(f"/en/preview/shared/{token}x/").status_code == 404
    assert client.get(f"/en/preview/shared/{token}/".replace(":", "0:", 1)).status_code == 404


def test_a_shared_preview_link_expires_after_seven_days(client, draft, monkeypatch):
    url = review.shared_preview_url(draft)
    later = timezone.now().timestamp() + timedelta(days=7, minutes=1).total_seconds()
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = client.get(url)

    assert response.status_code == 403
    assert b"This preview link has expired" in response.content


def test_a_link_to_one_item_does_not_open_another(client, draft):
    other = GoodIdeaFactory(status=GoodIdea.Status.DRAFT, published_at=None)
    token = review.shared_preview_token(draft)

    assert client.get(other.get_preview_url()).status_code == 404
    assert client.get(f"/en/preview/shared/{token}/").status_code == 200


def test_confirming_accuracy_sets_last_verified_and_the_page_shows_it(client, editor):
    idea = GoodIdeaFactory(last_verified=date(2020, 1, 1))
    client.force_login(editor)

    _action(client, "confirm_accurate", idea)

    today = timezone.localdate()
    assert GoodIdea.objects.get(pk=idea.pk).last_verified == today
    page = client.get(idea.get_absolute_url())
    assert f'last verified on <time datetime="{today:%Y-%m-%d}">'.encode() in page.content


def test_the_freshness_page_lists_profiles_not_verified_for_two_years(client, editor, django_assert_max_num_queries):
    stale = GoodIdeaFactory(title_en="Old mentors", last_verified=timezone.localdate() - timedelta(days=800))
    GoodIdeaFactory(title_en="Fresh mentors", last_verified=timezone.localdate() - timedelta(days=30))
    GoodIdeaFactory(title_en="Draft mentors", status=GoodIdea.Status.DRAFT, published_at=None)
    client.force_login(editor)

    with django_assert_max_num_queries(30):
        response = client.get("/admin/freshness/")

    assert f"/admin/goodideas/goodidea/{stale.pk}/change/".encode() in response.content
    assert b"Fresh mentors" not in response.content
    assert b"Draft mentors" not in response.content


def test_the_freshness_page_is_for_staff_only(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", "reader@example.org", "a long password 123"))

    assert client.get("/admin/freshness/").status_code == 302


def test_the_freshness_page_lists_profiles_with_broken_links(client, editor, django_assert_max_num_queries):
    broken = GoodIdeaFactory(title_en="Dead link mentors", contact_website="https://gone.example.org/")
    GoodIdeaFactory(title_en="Live link mentors", contact_website="https://fine.example.org/")
    GoodIdeaFactory(
        title_en="Draft dead link", contact_website="https://gone.example.org/", status=GoodIdea.Status.DRAFT
    )
    ExternalLink.objects.create(url="https://gone.example.org/", status_code=404, broken=True)
    ExternalLink.objects.create(url="https://fine.example.org/", status_code=200, broken=False)
    client.force_login(editor)

    with django_assert_max_num_queries(40):
        response = client.get("/admin/freshness/")

    html = response.content.decode()
    section = html[html.index("Profiles with broken links") :]
    assert f"/admin/goodideas/goodidea/{broken.pk}/change/" in section
    assert "Live link mentors" not in section
    assert "Draft dead link" not in section
    assert "/admin/goodideas/goodidea/?links=broken" in section
