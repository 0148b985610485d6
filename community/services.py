"""What members and editors do in the community: write, edit, report, follow; and what it sends."""

import json
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community import markdown
from community.models import Follow, Post, Profile, Report, Thread
from core import mail, ratelimit, registry
from places import services as places
from places.models import TypedPlace

UNSUBSCRIBE_SALT = "community.unsubscribe"


class PostingRefused(Exception):
    """A member may not post now; the message says why (and when they can again)."""

    def __init__(self, message, *, rate_limited=False):
        super().__init__(message)
        self.rate_limited = rate_limited


@dataclass
class Outcome:
    post: Post
    pending: bool


# Profiles ------------------------------------------------------------------------------------------


def profile_for(user) -> Profile:
    profile = getattr(user, "_profile_cache", None)
    if profile is not None:
        return profile
    try:
        profile = user.profile
    except Profile.DoesNotExist:
        profile, _created = Profile.objects.get_or_create(
            user=user, defaults={"display_name": user.get_full_name() or user.get_username()}
        )
    return profile


def profile_save(*, profile: Profile, new_city: str = "", new_country: str = "") -> Profile:
    """Save a profile edited by its member. A typed city becomes the portal's city of that name, or
    waits for an editor's review (places.services); choosing a city from the list forgets a typed one."""
    if new_city:
        found = places.place_typed(city_name=new_city, country_text=new_country)
        if isinstance(found, TypedPlace):
            profile.city, profile.place = found.city, found
        else:
            profile.city, profile.place = found, None
    else:
        profile.place = None
    profile.save()
    return profile


def profiles_place_resolved(place, city) -> int:
    """Members who typed a place get the city an editor chose for it (places.services.place_resolve)."""
    return Profile.objects.filter(place=place, city__isnull=True).update(city=city)


def member_block(*, user) -> None:
    profile = profile_for(user)
    if profile.blocked_at is None:
        profile.blocked_at = timezone.now()
        profile.save(update_fields=["blocked_at"])


def member_unblock(*, user) -> None:
    Profile.objects.filter(user=user).update(blocked_at=None)


# Subjects: what members ask about ----------------------------------------------------------------


def subject_kind(subject) -> str:
    """The Thread field that points to this kind of subject: "idea", "webinar" or "item"."""
    kinds = {"goodideas.goodidea": "idea", "webinars.webinar": "webinar", "conversations.item": "item"}
    try:
        return kinds[subject._meta.label_lower]
    except (AttributeError, KeyError) as error:
        raise TypeError(f"Members cannot ask about {subject!r}") from error


def ask_url(subject) -> str:
    """The page with the subject's questions and the form that asks one."""
    kind = subject_kind(subject)
    if kind == "idea":
        return reverse("community:idea-ask", kwargs={"slug": subject.slug})
    if kind == "webinar":
        return reverse("community:webinar-ask", kwargs={"slug": subject.slug})
    return reverse("community:item-ask", kwargs={"number": subject.issue.number, "slug": subject.slug})


def subject_threads(subject):
    """The visible threads about a subject, newest first, ready for a list."""
    return (
        Thread.objects.visible()
        .filter(**{subject_kind(subject): subject})
        .for_subject_listing()
        .order_by("-created_at", "-pk")
    )


# Posting -------------------------------------------------------------------------------------------


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


# Moderation (editors, from the admin) --------------------------------------------------------------


def posts_approve(posts) -> int:
    """Make posts visible (and their threads, if they waited too); tell followers of the replies."""
    count = 0
    for post in posts.select_related("thread"):
        was_pending = post.status == Post.Status.PENDING
        post.status = Post.Status.VISIBLE
        post.save(update_fields=["status"])
        thread = post.thread
        if thread.status == Thread.Status.PENDING:
            thread.status = Thread.Status.VISIBLE
            thread.save(update_fields=["status"])
            if was_pending and thread.posts.order_by("created_at", "pk").first() == post:
                notify_new_thread(thread, post)
                count += 1
                continue
        if was_pending:
            Thread.objects.filter(pk=thread.pk, last_activity__lt=post.created_at).update(last_activity=post.created_at)
            notify_reply(post)
        count += 1
    return count


def posts_set_status(posts, status: str) -> int:
    changed = posts.update(status=status)
    if status in {Post.Status.VISIBLE, Post.Status.HIDDEN}:
        Report.objects.filter(post__in=posts).update(resolved=True)
    return changed


# Follows and e-mail --------------------------------------------------------------------------------


def follow(*, user, thread: Thread) -> None:
    Follow.objects.get_or_create(user=user, thread=thread)


def unfollow(*, user, thread: Thread) -> None:
    Follow.objects.filter(user=user, thread=thread).delete()


def unsubscribe_token(follow: Follow) -> str:
    return signing.dumps([follow.user_id, follow.thread_id], salt=UNSUBSCRIBE_SALT, compress=True)


def follow_from_token(token: str) -> tuple[int, int]:
    """(user id, thread id) from a signed unsubscribe token; BadSignature if it was tampered with."""
    user_id, thread_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return int(user_id), int(thread_id)


def notify_new_thread(thread: Thread, post: Post) -> None:
    """A new question about a subject: the editors; for a Good Idea also its contact person (in the
    question's language). Threads in a topic send nothing."""
    subject = thread.subject
    if subject is None:
        return
    idea = thread.idea if thread.idea_id else None
    context = {
        "thread": thread,
        "post": post,
        "idea": idea,
        "subject": subject,
        "subject_kind": thread.subject_kind,
        "author_name": author_name(post.author),
    }
    if idea is not None and idea.contact_email:
        mail.send(
            "community/email/new_question",
            {**context, "to_contact": True},
            to=[idea.contact_email],
            language=thread.language,
        )
    if settings.EDITORS_EMAIL:
        mail.send(
            "community/email/new_question",
            {**context, "to_contact": False},
            to=list(settings.EDITORS_EMAIL),
            language=settings.LANGUAGE_CODE,
        )


def notify_reply(post: Post) -> None:
    """Each follower of the thread except the author: an e-mail in their language, with one-click unsubscribe."""
    thread = post.thread
    follows = (
        Follow.objects.filter(thread=thread)
        .exclude(user_id=post.author_id)
        .select_related("user__profile")
        .filter(user__is_active=True)
    )
    for item in follows:
        if not item.user.email:
            continue
        language = profile_for(item.user).preferred_language
        with translation.override(language):
            unsubscribe_url = mail.site_url() + reverse("community:unsubscribe", args=[unsubscribe_token(item)])
        message = mail.build_message(
            "community/email/reply",
            {
                "thread": thread,
                "post": post,
                "author_name": author_name(post.author),
                "unsubscribe_url": unsubscribe_url,
            },
            to=[item.user.email],
            language=language,
        )
        message.extra_headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        message.send()


def notify_editors(post: Post, *, reason: str) -> None:
    """Tell the editors that a post waits for approval ("pending") or was reported ("reported")."""
    if not settings.EDITORS_EMAIL:
        return
    mail.send(
        "community/email/moderation",
        {
            "post": post,
            "thread": post.thread,
            "reason": reason,
            "author_name": author_name(post.author),
            "admin_path": reverse("admin:community_post_change", args=[post.pk]),
        },
        to=list(settings.EDITORS_EMAIL),
        language=settings.LANGUAGE_CODE,
    )


def author_name(user) -> str:
    if user is None:
        return _("Former member")
    return profile_for(user).display_name


# Member data ---------------------------------------------------------------------------------------


def member_addresses(user) -> set[str]:
    """Every e-mail address of the member, in lower case."""
    return {user.email.lower(), *(address.email.lower() for address in user.emailaddress_set.all())} - {""}


def sign_in_names(user) -> set[str]:
    """The names django-axes records this member's sign-ins under: the account's username and addresses."""
    return {user.get_username(), *member_addresses(user)}


def _account(*, user, addresses):
    return {
        "email": user.email,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in user.emailaddress_set.all()
        ],
    }


def _profile(*, user, addresses):
    profile = profile_for(user)
    return {
        "display_name": profile.display_name,
        "city": profile.city.name if profile.city else None,
        "city_typed": str(profile.place) if profile.place_id and not profile.city_id else None,
        "organisation": profile.organisation,
        "role": profile.role,
        "languages": profile.languages,
        "preferred_language": profile.preferred_language,
    }


def _threads(*, user, addresses):
    return [
        {"id": thread.pk, "title": thread.title, "kind": thread.kind, "created": thread.created_at}
        for thread in Thread.objects.filter(author=user).order_by("created_at")
    ]


def _posts(*, user, addresses):
    return [
        {
            "id": post.pk,
            "thread": post.thread_id,
            "thread_title": post.thread.title,
            "text": post.body_markdown,
            "status": post.status,
            "created": post.created_at,
            "edited": post.edited_at,
        }
        for post in Post.objects.filter(author=user).select_related("thread").order_by("created_at")
    ]


def _follows(*, user, addresses):
    return [item.thread_id for item in Follow.objects.filter(user=user).order_by("pk")]


def _reports(*, user, addresses):
    return [
        {"post": report.post_id, "reason": report.reason, "comment": report.comment, "created": report.created_at}
        for report in Report.objects.filter(reporter=user).order_by("created_at")
    ]


def _sign_ins(*, user, addresses):
    return [
        {"time": entry.attempt_time, "ip_address": entry.ip_address, "browser": entry.user_agent}
        for entry in AccessLog.objects.filter(username__in=sign_in_names(user)).order_by("attempt_time")
    ]


def _failed_sign_ins(*, user, addresses):
    return [
        {
            "last": entry.attempt_time,
            "failures": entry.failures_since_start,
            "ip_address": entry.ip_address,
            "browser": entry.user_agent,
        }
        for entry in AccessAttempt.objects.filter(username__in=addresses).order_by("attempt_time")
    ]


# The parts of the member data export that this app keeps (registered in apps.py): the account, the
# profile and what the member wrote come first; the records of their sign-ins (django-axes) last.
MEMBER_DATA = {
    "account": _account,
    "profile": _profile,
    "threads": _threads,
    "posts": _posts,
    "follows": _follows,
    "reports": _reports,
}
SIGN_IN_DATA = {"sign_ins": _sign_ins, "failed_sign_ins": _failed_sign_ins}


def member_export(*, user) -> str:
    """Everything the portal holds about a member, as JSON: each app's part (core.registry): account,
    profile, posts, follows and reports, webinar registrations, newsletter subscriptions and proposals
    (by any of their e-mail addresses), and the records of their sign-ins."""
    addresses = member_addresses(user)
    data = {part.key: part.export(user=user, addresses=addresses) for part in registry.personal_data()}
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


@transaction.atomic
def member_delete(*, user, remove_posts: bool) -> None:
    """Delete the account. Posts are removed, or kept under "Former member" (their author set to none).

    Removing posts keeps the threads that others replied to (without their first post's text);
    threads left with no post at all go too.
    """
    if remove_posts:
        thread_ids = list(Thread.objects.filter(author=user).values_list("pk", flat=True))
        Post.objects.filter(author=user).delete()
        Thread.objects.filter(pk__in=thread_ids, posts__isnull=True).delete()
    # The records of their sign-ins go with the account (webinar registrations go by cascade).
    addresses = member_addresses(user)
    AccessLog.objects.filter(username__in=sign_in_names(user)).delete()
    AccessAttempt.objects.filter(username__in=addresses).delete()
    user.delete()
