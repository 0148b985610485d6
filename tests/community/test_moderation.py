"""Editors moderate from the admin (approve, hide, restore, delete, block) but cannot administer users."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail

from community.models import Follow, Post, Profile, Thread
from tests.community.factories import PostFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/community/post/"


def action(client, name, posts):
    return client.post(
        CHANGELIST, {"action": name, "_selected_action": [post.pk for post in posts], "index": 0}, follow=True
    )


def test_editors_group_moderates_the_community_but_not_users():
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("content_type__app_label", "codename"))

    assert ("community", "change_post") in codenames
    assert ("community", "change_profile") in codenames
    assert ("community", "add_topic") in codenames
    assert not any(app == "auth" for app, _codename in codenames)
    assert not Permission.objects.filter(group=editors, content_type__app_label__in=["auth", "account", "axes"])


def test_an_editor_reaches_the_moderation_pages_but_not_the_users(client, editor):
    client.force_login(editor)

    assert client.get(CHANGELIST).status_code == 200
    assert client.get("/admin/community/profile/").status_code == 200
    assert client.get("/admin/community/topic/add/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/user/add/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403


def test_reported_filter_lists_only_reported_posts(client, editor):
    reported = PostFactory(body_markdown="Reported one", report_count=2)
    calm = PostFactory(body_markdown="Calm one")
    client.force_login(editor)

    html = client.get(CHANGELIST, {"reported": "yes"}).content.decode()
    everything = client.get(CHANGELIST).content.decode()

    assert f"/admin/community/post/{reported.pk}/change/" in html
    assert f"/admin/community/post/{calm.pk}/change/" not in html
    assert f"/admin/community/post/{calm.pk}/change/" in everything  # the link the filter hides is the calm post's


def test_approve_makes_a_pending_post_and_its_thread_visible(client, editor):
    thread = ThreadFactory(status=Thread.Status.PENDING)
    post = PostFactory(thread=thread, author=thread.author, status=Post.Status.PENDING)
    client.force_login(editor)

    action(client, "approve", [post])

    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.status == Post.Status.VISIBLE
    assert thread.status == Thread.Status.VISIBLE


def test_approving_a_reply_tells_the_followers(client, editor):
    thread = ThreadFactory()
    PostFactory(thread=thread, author=thread.author)
    follower = UserFactory()
    Follow.objects.create(user=follower, thread=thread)
    pending = PostFactory(thread=thread, status=Post.Status.PENDING)
    client.force_login(editor)

    action(client, "approve", [pending])

    assert [message.to for message in mail.outbox] == [[follower.email]]


def test_hide_restore_and_delete(client, editor):
    post = PostFactory(report_count=1)
    client.force_login(editor)

    action(client, "hide", [post])
    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN
    assert "A helpful answer" not in client.get(post.thread.get_absolute_url()).content.decode().split("<main")[1]

    action(client, "restore", [post])
    post.refresh_from_db()
    assert post.status == Post.Status.VISIBLE

    action(client, "mark_deleted", [post])
    post.refresh_from_db()
    assert post.status == Post.Status.DELETED


def test_block_authors_from_the_admin(client, editor):
    post = PostFactory()
    client.force_login(editor)

    action(client, "block_authors", [post])

    assert Profile.objects.get(user=post.author).blocked_at is not None
    client.force_login(post.author)
    response = client.post(post.thread.get_absolute_url(), {"body": "Still here?"})
    assert response.status_code == 403


def test_block_and_unblock_members_in_the_profile_admin(client, editor):
    member = UserFactory()
    client.force_login(editor)

    client.post("/admin/community/profile/", {"action": "block", "_selected_action": [member.profile.pk], "index": 0})
    assert Profile.objects.get(user=member).is_blocked
    client.post("/admin/community/profile/", {"action": "unblock", "_selected_action": [member.profile.pk], "index": 0})
    assert not Profile.objects.get(user=member).is_blocked


def test_editing_a_post_in_the_admin_keeps_it_sanitised(client, editor):
    post = PostFactory()
    client.force_login(editor)

    client.post(
        f"/admin/community/post/{post.pk}/change/",
        {
            "status": "visible",
            "body_markdown": "<script>x</script> *ok*",
            "reports-TOTAL_FORMS": 0,
            "reports-INITIAL_FORMS": 0,
        },
    )

    post.refresh_from_db()
    assert "<script>" not in post.body_html
    assert "<em>ok</em>" in post.body_html


def test_admin_pages_for_a_post_and_a_thread_open(client, editor):
    post = PostFactory(report_count=1)
    client.force_login(editor)

    assert client.get(f"/admin/community/post/{post.pk}/change/").status_code == 200
    assert client.get(f"/admin/community/thread/{post.thread.pk}/change/").status_code == 200
    assert client.get("/admin/community/report/").status_code == 200
    assert client.get("/admin/community/post/add/").status_code == 403
