"""Writing in the community: the rules for who may post (rate limits, approval), threads, replies, edits, reports."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community import markdown
from community.models import Follow, Post, Report, Thread
from community.services.members import profile_for
from community.services.notifications import notify_editors, notify_new_thread, notify_reply
from core import mail, ratelimit


class PostingRefused(Exception):
    """A member may not post now; the message says why (and when they can again)."""

    def __init__(self, message, *, rate_limited=False):
        super().__init__(message)
        self.rate_limited = rate_limited


@dataclass
class Outcome:
    post: Post
    pending: bool


def clean_body(body: str) -> str:
    """The text as it will be stored, or ValidationError for empty or oversized text."""
    body = (body or "").replace("\r\n", "\n").strip()
    if not body or not markdown.render(body):
        raise ValidationError(_("Please write something before you post."), code="empty")
    if len(body) > markdown.MAX_LENGTH:
        raise ValidationError(
            _("Please keep your post under %(limit)s characters (it has %(length)s).")
            % {
                "limit": formats.number_format(markdown.MAX_LENGTH, force_grouping=True),
                "length": formats.number_format(len(body), force_grouping=True),
            },
            code="too-long",
        )
    return body


def check_can_post(user) -> None:
    """Raise PostingRefused for anonymous or blocked members, and for members over the rate limit."""
    if not user.is_authenticated:
        raise PermissionDenied
    if profile_for(user).is_blocked:
        raise PostingRefused(_("Your account has been blocked from posting. Please contact the editors."))
    limit, period = settings.COMMUNITY_POST_RATE
    wait = ratelimit.hit("community-post", str(user.pk), limit=limit, period=period)
    if wait:
        minutes = max(1, -(-wait // 60))
        raise PostingRefused(
            ngettext(
                "You have posted often in a short time. You can post again in %(minutes)d minute.",
                "You have posted often in a short time. You can post again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
            rate_limited=True,
        )


def needs_approval(user) -> bool:
    """A new member's first posts wait for an editor (COMMUNITY_PREMODERATE_FIRST_POSTS; 0: never)."""
    first = settings.COMMUNITY_PREMODERATE_FIRST_POSTS
    if not first or user.is_staff:
        return False
    return Post.objects.filter(author=user, status=Post.Status.VISIBLE).count() < first


def _new_post(*, author, thread: Thread, body: str, pending: bool) -> Post:
    return Post.objects.create(
        thread=thread,
        author=author,
        body_markdown=body,
        body_html=markdown.render(body),
        status=Post.Status.PENDING if pending else Post.Status.VISIBLE,
    )


@transaction.atomic
def thread_create(
    *, author, title: str, body: str, topic=None, idea=None, webinar=None, item=None, kind=Thread.Kind.QUESTION
) -> Outcome:
    """A new thread with its first post, in a topic or about one subject (idea, webinar or e-zine item).

    Members following their own thread is the default."""
    body = clean_body(body)
    check_can_post(author)
    pending = needs_approval(author)
    thread = Thread.objects.create(
        topic=topic,
        idea=idea,
        webinar=webinar,
        item=item,
        author=author,
        title=title.strip(),
        kind=kind,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        status=Thread.Status.PENDING if pending else Thread.Status.VISIBLE,
    )
    post = _new_post(author=author, thread=thread, body=body, pending=pending)
    Follow.objects.get_or_create(user=author, thread=thread)
    if pending:
        mail.on_commit(lambda: notify_editors(post, reason="pending"))
    else:
        mail.on_commit(lambda: notify_new_thread(thread, post))
    return Outcome(post, pending)


@transaction.atomic
def post_create(*, author, thread: Thread, body: str) -> Outcome:
    """A reply. Followers are told by e-mail once it is visible."""
    body = clean_body(body)
    check_can_post(author)
    if thread.status != Thread.Status.VISIBLE:
        raise PermissionDenied
    pending = needs_approval(author)
    post = _new_post(author=author, thread=thread, body=body, pending=pending)
    Follow.objects.get_or_create(user=author, thread=thread)  # those who reply hear about the answers
    if pending:
        mail.on_commit(lambda: notify_editors(post, reason="pending"))
    else:
        Thread.objects.filter(pk=thread.pk).update(last_activity=post.created_at)
        mail.on_commit(lambda: notify_reply(post))
    return Outcome(post, pending)


def can_edit(user, post: Post) -> bool:
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and post.status in {Post.Status.VISIBLE, Post.Status.PENDING}
    )


def post_edit(*, user, post: Post, body: str) -> Post:
    if not can_edit(user, post):
        raise PermissionDenied
    if profile_for(user).is_blocked:
        raise PostingRefused(_("Your account has been blocked from posting. Please contact the editors."))
    body = clean_body(body)
    post.body_markdown = body
    post.body_html = markdown.render(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body_markdown", "body_html", "edited_at"])
    return post


def post_delete(*, user, post: Post) -> None:
    """A member deletes their own post: it disappears, the thread stays for the replies of others."""
    if not can_edit(user, post):
        raise PermissionDenied
    post.status = Post.Status.DELETED
    post.save(update_fields=["status"])


def post_report(*, reporter, post: Post, reason: str, comment: str = "") -> bool:
    """Report a post to the editors. False if this member had already reported it."""
    _report, created = Report.objects.get_or_create(
        post=post, reporter=reporter, defaults={"reason": reason, "comment": comment}
    )
    if created:
        Post.objects.filter(pk=post.pk).update(report_count=F("report_count") + 1)
        if not Report.objects.filter(post=post).exclude(reporter=reporter).exists():
            notify_editors(post, reason="reported")  # the first report of a post; later ones show in the admin
    return created
