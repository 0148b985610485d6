"""The community pages: who may read, post, edit and delete; bad input; query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from community.models import Follow, Post, Report, Thread
from tests.community.factories import PostFactory, ThreadFactory, TopicFactory, thread_with_posts
from tests.goodideas.factories import GoodIdeaFactory

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def reply(client, thread, body, **extra):
    return client.post(thread.get_absolute_url(), {"body": body, **extra})


# Reading -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Recent threads"), ("fr", "Discussions récentes"), ("de", "Neueste Diskussionen")]
)
def test_index_in_each_language(client, thread, language, heading):
    response = client.get(url("community:index", language))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html
    assert thread.title in html


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_topic_and_thread_pages_in_each_language(client, thread, language):
    with translation.override(language):
        topic_url = thread.topic.get_absolute_url()
        thread_url = thread.get_absolute_url()

    assert client.get(topic_url).status_code == 200
    response = client.get(thread_url)
    assert response.status_code == 200
    assert "<strong>first</strong> question" in response.content.decode()


def test_topic_shows_its_translated_title(client):
    topic = TopicFactory(title_en="Work and skills", title_fr="Travail et compétences")

    response = client.get(url("community:topic", "fr", slug=topic.slug))

    assert "<h1>Travail et compétences</h1>" in response.content.decode()


def test_search_finds_threads_by_title_and_by_reply(client, thread):
    other = ThreadFactory(title="Housing for newcomers")
    PostFactory(thread=other, body_markdown="Nothing special.")
    PostFactory(thread=thread, body_markdown="Libraries host settlement workers every Tuesday.")

    by_reply = client.get(url("community:index"), {"q": "settlement"}).content.decode()
    by_title = client.get(url("community:index"), {"q": "housing"}).content.decode()

    assert thread.title in by_reply
    assert other.title not in by_reply
    assert other.title in by_title
    assert thread.title not in by_title


def test_hidden_and_pending_posts_are_not_shown_to_others(client, thread):
    PostFactory(thread=thread, body_markdown="Hidden spam", status=Post.Status.HIDDEN)
    PostFactory(thread=thread, body_markdown="Waiting text", status=Post.Status.PENDING)

    html = client.get(thread.get_absolute_url()).content.decode()

    assert "Hidden spam" not in html
    assert "Waiting text" not in html


def test_pending_thread_is_not_found_by_others(client, member):
    thread = ThreadFactory(status=Thread.Status.PENDING)

    assert client.get(thread.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(thread.get_absolute_url()).status_code == 404
    client.force_login(thread.author)
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_wrong_slug_redirects_to_the_thread(client, thread):
    response = client.get(url("community:thread", pk=thread.pk, slug="old-title"))

    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()


def test_unknown_topic_is_404(client, thread):
    assert client.get(url("community:topic", slug="no-such-topic")).status_code == 404


@pytest.mark.parametrize(("page", "shown"), [("999", 2), ("0", 1), ("abc", 1), ("9" * 30, 2)])
def test_a_page_that_is_not_a_page_shows_the_first_or_the_last(client, page, shown):
    topic = TopicFactory()
    for _ in range(25):
        ThreadFactory(topic=topic)
    for path in (url("community:index"), topic.get_absolute_url()):
        response = client.get(path, {"page": page})
        assert response.status_code == 200
        assert response.context["page_obj"].number == shown


def test_a_long_search_is_cut_not_ignored(client):
    ThreadFactory(title="Housing for newcomers")
    ThreadFactory(title="Language cafes")
    response = client.get(url("community:index"), {"q": "housing " * 40})  # 320 characters, cut to 200
    assert response.status_code == 200
    assert [thread.title for thread in response.context["object_list"]] == ["Housing for newcomers"]


@pytest.mark.parametrize("count", [5, 50])
def test_thread_page_queries_do_not_grow_with_posts(client, django_assert_max_num_queries, count):
    thread = thread_with_posts(count)
    client.force_login(thread.author)

    with django_assert_max_num_queries(9):
        response = client.get(thread.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 50])
def test_topic_and_index_queries_do_not_grow_with_threads(client, django_assert_max_num_queries, count):
    topic = TopicFactory()
    for _ in range(count):
        PostFactory(thread=ThreadFactory(topic=topic))

    with django_assert_max_num_queries(4):
        assert client.get(topic.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(url("community:index")).status_code == 200


def test_a_topics_page_lists_its_threads_without_reading_their_subjects(client):
    thread = thread_with_posts(3)  # the opening post and two replies
    with CaptureQueriesContext(connection) as queries:
        html = client.get(thread.topic.get_absolute_url()).content.decode()

    assert thread.title in html
    assert "2 replies" in html
    assert not [
        query for query in queries if "goodideas_goodidea" in query["sql"] or "webinars_webinar" in query["sql"]
    ]


def test_each_threads_page_shows_its_own_thread_and_place(client):
    idea = GoodIdeaFactory(title_en="Welcome desks")
    about_idea = ThreadFactory(idea=idea, topic=None, title="Who pays for it?")
    in_topic = ThreadFactory(title="Finding volunteers")

    idea_page = client.get(about_idea.get_absolute_url()).content.decode()
    topic_page = client.get(in_topic.get_absolute_url()).content.decode()

    assert "<title>Who pays for it? · " in idea_page
    assert f'href="{idea.get_absolute_url()}">Welcome desks</a>' in idea_page
    assert "<title>Finding volunteers · " in topic_page
    assert f'href="{in_topic.topic.get_absolute_url()}"' in topic_page
    assert "Welcome desks" not in topic_page
    assert client.get(url("community:thread", pk=in_topic.pk + 100, slug="x")).status_code == 404


# Posting -------------------------------------------------------------------------------------------


def test_anonymous_visitors_read_but_cannot_post(client, thread):
    page = client.get(thread.get_absolute_url()).content.decode()
    response = reply(client, thread, "Hello")
    start = client.post(thread.topic.get_absolute_url(), {"title": "Hi", "kind": "question", "body": "Hello"})

    assert "sign in</a> or" in page
    assert 'name="body"' not in page
    assert response.status_code == 302
    assert response["Location"].startswith(url("account_login"))
    assert start.status_code == 302
    assert Post.objects.count() == 1
    assert Thread.objects.count() == 1


def test_member_replies(client, thread, member, no_premoderation):
    client.force_login(member)

    response = reply(client, thread, "Try the *library*.")

    post = Post.objects.get(author=member)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{post.pk}")
    assert post.status == Post.Status.VISIBLE
    assert "<em>library</em>" in client.get(thread.get_absolute_url()).content.decode()


def test_member_starts_a_thread_in_a_topic(client, member, no_premoderation):
    topic = TopicFactory()
    client.force_login(member)

    response = client.post(
        topic.get_absolute_url(), {"title": "  Who  funds it? ", "kind": "question", "body": "Tell me."}
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert thread.title == "Who funds it?"
    assert thread.topic == topic
    assert thread.author == member
    assert Follow.objects.filter(user=member, thread=thread).exists()


@pytest.mark.parametrize("body", ["", "   \n\t  ", "\n\n"])
def test_empty_posts_get_a_form_error(client, thread, member, body):
    client.force_login(member)

    response = reply(client, thread, body)

    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert Post.objects.count() == 1


def test_oversized_posts_get_a_form_error(client, thread, member):
    client.force_login(member)

    response = reply(client, thread, "x" * 10_001)

    assert response.status_code == 400
    assert "under 10,000 characters" in response.content.decode()
    assert Post.objects.count() == 1


def test_script_injection_is_stored_harmless(client, thread, member, no_premoderation):
    client.force_login(member)

    reply(client, thread, "<script>alert('x')</script> [x](javascript:alert(1))")

    post = Post.objects.get(author=member)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in post.body_html
    assert 'href="javascript' not in html


def test_honeypot_refuses_robots(client, thread, member):
    client.force_login(member)

    response = reply(client, thread, "Buy now", website_url="http://spam.example")

    assert response.status_code == 400
    assert Post.objects.count() == 1


def test_blocked_members_cannot_post(client, thread, member):
    from community.services import members

    members.member_block(user=member)
    client.force_login(member)

    page = client.get(thread.get_absolute_url()).content.decode()
    response = reply(client, thread, "Let me in")
    start = client.post(thread.topic.get_absolute_url(), {"title": "Hi", "kind": "question", "body": "Hello"})

    assert "blocked from posting" in page
    assert response.status_code == 403
    assert "blocked from posting" in response.content.decode()
    assert start.status_code == 403
    assert Post.objects.count() == 1


def test_rate_limit_tells_when_to_post_again(client, thread, member, no_premoderation, settings):
    settings.COMMUNITY_POST_RATE = (2, 600)
    client.force_login(member)

    reply(client, thread, "one")
    reply(client, thread, "two")
    response = reply(client, thread, "three")

    assert response.status_code == 429
    assert "You can post again in" in response.content.decode()
    assert "minute" in response.content.decode()
    assert Post.objects.filter(author=member).count() == 2


def test_a_new_members_first_post_waits_for_approval(client, thread, member, settings):
    settings.COMMUNITY_PREMODERATE_FIRST_POSTS = 1
    client.force_login(member)

    reply(client, thread, "My first post")
    reply(client, thread, "My second post")

    posts = list(Post.objects.filter(author=member).order_by("pk"))
    assert [post.status for post in posts] == [Post.Status.PENDING, Post.Status.PENDING]
    own_view = client.get(thread.get_absolute_url()).content.decode()
    assert "My first post" in own_view
    assert "waiting for an editor’s approval" in own_view
    client.logout()
    assert "My first post" not in client.get(thread.get_absolute_url()).content.decode()

    posts[0].status = Post.Status.VISIBLE
    posts[0].save()
    client.force_login(member)
    reply(client, thread, "Third post")
    assert Post.objects.get(body_markdown="Third post").status == Post.Status.VISIBLE


def test_premoderation_can_be_turned_off(client, thread, member, settings):
    settings.COMMUNITY_PREMODERATE_FIRST_POSTS = 0
    client.force_login(member)

    reply(client, thread, "Straight in")

    assert Post.objects.get(author=member).status == Post.Status.VISIBLE


# Editing, deleting, reporting ----------------------------------------------------------------------


def test_members_edit_their_own_post_marked_edited(client, thread):
    post = thread.posts.get()
    client.force_login(thread.author)

    assert client.get(url("community:post-edit", pk=post.pk)).status_code == 200
    response = client.post(url("community:post-edit", pk=post.pk), {"body": "The corrected question."})

    post.refresh_from_db()
    assert response.status_code == 302
    assert post.body_markdown == "The corrected question."
    assert post.edited_at is not None
    assert ">edited</span>" in client.get(thread.get_absolute_url()).content.decode()


def test_members_cannot_edit_or_delete_others_posts(client, thread, other_member):
    post = thread.posts.get()
    client.force_login(other_member)

    assert client.get(url("community:post-edit", pk=post.pk)).status_code == 403
    assert client.post(url("community:post-edit", pk=post.pk), {"body": "Hacked"}).status_code == 403
    assert client.post(url("community:post-delete", pk=post.pk)).status_code == 403
    post.refresh_from_db()
    assert post.body_markdown == "The **first** question."
    assert post.status == Post.Status.VISIBLE


def test_anonymous_cannot_edit(client, thread):
    post = thread.posts.get()

    response = client.post(url("community:post-edit", pk=post.pk), {"body": "Hacked"})

    assert response.status_code == 302
    assert Post.objects.get().body_markdown == "The **first** question."


def test_editing_to_empty_is_a_form_error(client, thread):
    post = thread.posts.get()
    client.force_login(thread.author)

    response = client.post(url("community:post-edit", pk=post.pk), {"body": "  "})

    assert response.status_code == 400
    assert "Please write something" in response.content.decode()


def test_members_delete_their_own_post(client, thread):
    post = thread.posts.get()
    client.force_login(thread.author)

    assert client.get(url("community:post-delete", pk=post.pk)).status_code == 200
    client.post(url("community:post-delete", pk=post.pk))

    post.refresh_from_db()
    assert post.status == Post.Status.DELETED
    assert "first" not in client.get(thread.get_absolute_url()).content.decode().split("<main")[1]


def test_members_report_a_post_once(client, thread, other_member):
    post = thread.posts.get()
    client.force_login(other_member)

    assert client.get(url("community:post-report", pk=post.pk)).status_code == 200
    client.post(url("community:post-report", pk=post.pk), {"reason": "spam", "comment": "Ads"})
    client.post(url("community:post-report", pk=post.pk), {"reason": "spam"})

    post.refresh_from_db()
    assert post.report_count == 1
    assert Report.objects.get().comment == "Ads"


def test_bad_report_reason_is_a_form_error(client, thread, other_member):
    client.force_login(other_member)

    response = client.post(url("community:post-report", pk=thread.posts.get().pk), {"reason": "nonsense"})

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Report.objects.exists()


def test_follow_and_unfollow(client, thread, member):
    client.force_login(member)

    client.post(url("community:follow", pk=thread.pk), {"follow": "1"})
    assert Follow.objects.filter(user=member, thread=thread).exists()
    assert "Stop following" in client.get(thread.get_absolute_url()).content.decode()

    client.post(url("community:follow", pk=thread.pk), {"follow": "0"})
    assert not Follow.objects.filter(user=member, thread=thread).exists()


# Questions about a Good Idea -----------------------------------------------------------------------


def test_ask_about_an_idea(client, member, no_premoderation):
    idea = GoodIdeaFactory()
    client.force_login(member)

    assert client.get(url("community:idea-ask", slug=idea.slug)).status_code == 200
    response = client.post(
        url("community:idea-ask", slug=idea.slug), {"title": "How long?", "kind": "question", "body": "Tell us."}
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert thread.idea == idea
    assert thread.topic is None
    assert "How long?" in client.get(url("community:idea-ask", slug=idea.slug)).content.decode()


def test_a_member_sees_an_ideas_questions_and_the_form_to_ask_on_its_page(client, member):
    idea = GoodIdeaFactory()
    ThreadFactory(idea=idea, topic=None, title="Who pays for it?")
    client.force_login(member)

    html = client.get(idea.get_absolute_url()).content.decode()

    assert "Who pays for it?" in html
    form = re.search(rf'<form [^>]*action="/en/community/ideas/{idea.slug}/ask/".*?</form>', html, re.S).group()
    assert re.search(r'name="csrfmiddlewaretoken" value="\w{20,}"', form)
    assert 'name="body"' in form


def test_asking_about_an_unknown_idea_is_404(client, member):
    client.force_login(member)

    assert client.get(url("community:idea-ask", slug="nope")).status_code == 404
    assert client.post(url("community:idea-ask", slug="nope"), {"title": "x", "body": "y"}).status_code == 404


def test_oversized_post_error_in_german_uses_german_numbers(client, thread, member):
    client.force_login(member)

    with translation.override("de"):
        thread_url = thread.get_absolute_url()
    response = client.post(thread_url, {"body": "x" * 12_345})

    assert "höchstens 10.000 Zeichen haben (er hat 12.345)" in response.content.decode()


def test_index_paginates_and_keeps_the_search(client):
    topic = TopicFactory()
    for number in range(25):
        PostFactory(thread=ThreadFactory(topic=topic, title=f"Housing question {number}"))

    first = client.get(url("community:index"), {"q": "housing"}).content.decode()
    second = client.get(url("community:index"), {"q": "housing", "page": 2})

    assert "25 threads found" in first
    assert 'href="?q=housing&amp;page=2"' in first
    assert second.status_code == 200
    assert second.content.decode().count('class="badge">Question') == 5


def test_the_index_keeps_its_threads_as_fragments_and_shows_a_new_reply_at_once(client, django_assert_max_num_queries):
    thread = thread_with_posts(2)
    first = client.get(url("community:index")).content.decode()
    assert "1 reply" in first
    with django_assert_max_num_queries(2) as kept:  # the content version and the page's ids: no row, no topic
        assert client.get(url("community:index")).content.decode() == first
    assert not any('"community_thread"."title"' in query["sql"] for query in kept.captured_queries)

    PostFactory(thread=thread, body_markdown="One more answer.")  # a post moves the content version on

    assert "2 replies" in client.get(url("community:index")).content.decode()


@pytest.mark.parametrize(("posts", "replies"), [(2, "1 réponse"), (3, "2 réponses")])
def test_a_thread_in_a_list_counts_its_replies_in_the_page_language(client, posts, replies):
    thread = thread_with_posts(posts)

    html = client.get(url("community:index", "fr")).content.decode()

    item = re.search(rf'<li>\s*<h3><a href="[^"]*{thread.pk}[^"]*"[^>]*>.*?</li>', html, re.S).group()
    assert f"<span>{replies}</span>" in item
