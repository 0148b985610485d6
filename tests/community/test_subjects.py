"""Questions and feedback on webinars and e-zine items, as on Good Ideas: the partial on their pages,
the ask pages, the e-mail to the editors, the subject shown with the thread, and constant query counts."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from community.models import Follow, Post, Thread
from tests.community.factories import PostFactory, ThreadFactory, UserFactory
from tests.conversations.factories import IssueFactory, ItemFactory
from tests.goodideas.factories import GoodIdeaFactory
from tests.webinars.factories import WebinarFactory

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def ask_url(subject, language="en"):
    if subject._meta.model_name == "webinar":
        return url("community:webinar-ask", language, slug=subject.slug)
    return url("community:item-ask", language, number=subject.issue.number, slug=subject.slug)


def question(subject, title="Who pays for it?", **kwargs):
    field = "webinar" if subject._meta.model_name == "webinar" else "item"
    thread = ThreadFactory(topic=None, title=title, **{field: subject}, **kwargs)
    PostFactory(thread=thread, author=thread.author, body_markdown="Tell us more.")
    return thread


def test_urls():
    assert url("community:webinar-ask", slug="a-webinar") == "/en/community/webinars/a-webinar/ask/"
    assert url("community:item-ask", "fr", number=3, slug="an-item") == "/fr/community/ezine/3/an-item/ask/"


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_anonymous_visitor_sees_the_questions_but_not_the_form(client, subject, language):
    question(subject, title="How did you start?")

    with translation.override(language):
        page = subject.get_absolute_url()
    html = client.get(page).content.decode()

    assert "How did you start?" in html
    assert 'id="subject-questions-heading"' in html
    assert 'name="body"' not in html
    assert "/accounts/login/?next=" in html


def test_member_sees_the_form_on_the_subject_page(client, subject, member):
    client.force_login(member)

    html = client.get(subject.get_absolute_url()).content.decode()

    assert f'action="{ask_url(subject)}"' in html
    assert 'name="body"' in html


def test_member_asks_about_a_webinar(client, webinar, member, no_premoderation):
    client.force_login(member)

    assert client.get(ask_url(webinar)).status_code == 200
    response = client.post(ask_url(webinar), {"title": "Recording?", "kind": "question", "body": "Will it be online?"})

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert (thread.webinar, thread.idea, thread.item, thread.topic) == (webinar, None, None, None)
    assert Follow.objects.filter(user=member, thread=thread).exists()
    assert "Recording?" in client.get(webinar.get_absolute_url()).content.decode()


def test_member_asks_about_an_item(client, item, member, no_premoderation):
    client.force_login(member)

    response = client.post(
        ask_url(item, "de"), {"title": "Welche Gerüchte?", "kind": "feedback", "body": "Danke für den Artikel."}
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert (thread.item, thread.idea, thread.webinar, thread.topic) == (item, None, None, None)
    assert thread.language == "de"
    assert thread.kind == Thread.Kind.FEEDBACK
    assert "Welche Gerüchte?" in client.get(url("community:item-ask", "de", number=12, slug=item.slug)).content.decode()


def test_empty_question_is_a_form_error(client, subject, member, no_premoderation):
    client.force_login(member)

    response = client.post(ask_url(subject), {"title": "", "kind": "question", "body": "  "})

    assert response.status_code == 400
    assert Thread.objects.count() == 0


def test_anonymous_post_goes_to_sign_in(client, subject):
    response = client.post(ask_url(subject), {"title": "x", "kind": "question", "body": "y"})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert Thread.objects.count() == 0


def test_unpublished_webinar_is_404(client, member):
    webinar = WebinarFactory(status="draft")
    client.force_login(member)

    assert client.get(ask_url(webinar)).status_code == 404
    assert client.post(ask_url(webinar), {"title": "x", "kind": "question", "body": "y"}).status_code == 404
    assert client.get(url("community:webinar-ask", slug="nope")).status_code == 404
    assert Thread.objects.count() == 0


@pytest.mark.parametrize(
    "issue_kwargs",
    [
        {"status": "draft"},
        {"publish_at": timezone.now() + timedelta(days=3)},
    ],
)
def test_unpublished_item_is_404(client, member, issue_kwargs):
    item = ItemFactory(issue=IssueFactory(**issue_kwargs))
    client.force_login(member)

    assert client.get(ask_url(item)).status_code == 404
    assert client.post(ask_url(item), {"title": "x", "kind": "question", "body": "y"}).status_code == 404
    assert client.get(url("community:item-ask", number=item.issue.number, slug="nope")).status_code == 404
    assert Thread.objects.count() == 0


def test_editors_get_the_e_mail_about_a_new_question(
    client, subject, member, settings, no_premoderation, django_capture_on_commit_callbacks
):
    settings.EDITORS_EMAIL = ["editors@example.org"]
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(ask_url(subject, "fr"), {"title": "Combien ?", "kind": "question", "body": "Combien de temps ?"})

    assert len(mail.outbox) == 1, [message.to for message in mail.outbox]
    message = mail.outbox[0]
    assert message.to == ["editors@example.org"]
    assert message.extra_headers["Content-Language"] == "en"
    assert message.subject == f"New question about “{subject.title_en}”"
    assert "Combien de temps ?" in message.body
    thread = Thread.objects.get()
    link = f"http://testserver/en/community/threads/{thread.pk}-{thread.slug}/"  # the host asked
    assert link in message.body
    assert client.get(link.removeprefix("http://testserver")).status_code == 200


def test_webinar_question_e_mail_names_the_webinar(
    client, webinar, member, settings, no_premoderation, django_capture_on_commit_callbacks
):
    settings.EDITORS_EMAIL = ["editors@example.org"]
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(ask_url(webinar), {"title": "Slides?", "kind": "question", "body": "Where are the slides?"})

    assert "the webinar “Libraries as first stops”" in mail.outbox[0].body


def test_followers_get_replies_as_for_ideas(
    client, subject, member, other_member, no_premoderation, django_capture_on_commit_callbacks
):
    thread = question(subject, author=member)
    Follow.objects.create(user=member, thread=thread)
    client.force_login(other_member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(thread.get_absolute_url(), {"body": "Here is an answer."})

    assert [message.to for message in mail.outbox] == [[member.email]]


def test_thread_page_and_lists_show_the_subject(client, subject):
    thread = question(subject, title="A question about it")
    link = f'href="{subject.get_absolute_url()}"'

    assert link in client.get(thread.get_absolute_url()).content.decode()
    assert link in client.get(url("community:index")).content.decode()


def test_a_thread_has_exactly_one_place(webinar, item):
    idea = GoodIdeaFactory()
    author = UserFactory()
    for places in [{}, {"webinar": webinar, "item": item}, {"idea": idea, "webinar": webinar}]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Thread.objects.create(title="Nowhere or twice", author=author, **places)
    Thread.objects.create(title="About a webinar", author=author, webinar=webinar)
    assert Thread.objects.get().subject == webinar


def test_editor_preview_of_an_item_has_no_question_form(client, admin_user):
    item = ItemFactory(issue=IssueFactory(status="draft"))
    client.force_login(admin_user)

    response = client.get(item.get_preview_url())

    assert response.status_code == 200
    assert "subject-questions" not in response.content.decode()


def _count_queries(client, address):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def _add_questions(subject, count):
    author = UserFactory()
    for n in range(count):
        question(subject, title=f"Question {n}", author=author)


@pytest.mark.parametrize("signed_in", [False, True])
def test_query_counts_are_the_same_with_5_and_50_questions(client, subject, member, signed_in):
    if signed_in:
        client.force_login(member)
    _add_questions(subject, 5)
    pages = [subject.get_absolute_url(), ask_url(subject), url("community:index")]
    small = [_count_queries(client, page) for page in pages]

    _add_questions(subject, 45)
    assert Post.objects.count() == 50

    assert [_count_queries(client, page) for page in pages] == small


def test_a_good_idea_page_shows_its_ten_newest_visible_questions_and_the_ask_page_all(client):
    idea = GoodIdeaFactory()
    start = timezone.now() - timedelta(days=30)
    for day in range(12):
        ThreadFactory(topic=None, idea=idea, title=f"Question of day {day}", created_at=start + timedelta(days=day))
    ThreadFactory(topic=None, idea=idea, title="A hidden question", status=Thread.Status.HIDDEN)
    ThreadFactory(topic=None, idea=GoodIdeaFactory(), title="About another idea")

    page = client.get(idea.get_absolute_url()).content.decode()
    asking = client.get(url("community:idea-ask", slug=idea.slug)).content.decode()

    newest_first = [f"Question of day {day}" for day in range(11, -1, -1)]
    shown = [title for title in newest_first if f">{title}<" in page]
    assert shown == newest_first[:10]
    assert [page.index(f">{title}<") for title in shown] == sorted(page.index(f">{title}<") for title in shown)
    assert all(f">{title}<" in asking for title in newest_first)
    for other in ("A hidden question", "About another idea"):
        assert other not in page
        assert other not in asking
