"""A member's data: the export (what this app registers for it) and the erasure of an account."""

import json

from axes.models import AccessAttempt, AccessLog
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from community.models import Follow, Post, Report, Thread
from community.services.members import profile_for
from core import registry


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
