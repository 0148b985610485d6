"""The community's e-mail: new threads and replies to followers, reports and held posts to editors."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from community.models import Follow, Post, Thread
from community.services.follows import unsubscribe_token
from community.services.members import profile_for
from core import mail


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
