"""Review of a draft before it goes public, and preview links to share with people without an account.

    send_for_review(idea, user)          # status "in review"; the Editors group gets an e-mail
    send_back(idea, reviewer, comment)   # status "draft"; the comment is kept, the author e-mailed
    published_after_review(idea, reviewer, comment)   # after the admin published it: kept, author e-mailed
    shared_preview_url(idea)             # /<lang>/preview/shared/<signed token>/, valid 7 days

Every step is a `core.ReviewNote` (who, when, comment): the change form and the review page show them.
Mails go to each editor in the language of their profile, if they have one (core.mail.member_language).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.urls import reverse

from core import mail
from core.editors import EDITORS_GROUP
from core.models import ReviewNote
from core.publication import Status

SHARED_PREVIEW_AGE = timedelta(days=7)
_SALT = "core.review.shared-preview"


def notes(obj) -> list[ReviewNote]:
    """The review steps of `obj`, newest first."""
    content_type = ContentType.objects.get_for_model(obj)
    return list(ReviewNote.objects.filter(content_type=content_type, object_id=obj.pk).select_related("user"))


def _note(obj, step, user, comment="") -> ReviewNote:
    content_type = ContentType.objects.get_for_model(obj)
    return ReviewNote.objects.create(content_type=content_type, object_id=obj.pk, step=step, user=user, comment=comment)


def author(obj):
    """Who last sent `obj` for review (None if nobody did)."""
    content_type = ContentType.objects.get_for_model(obj)
    note = (
        ReviewNote.objects.filter(content_type=content_type, object_id=obj.pk, step=ReviewNote.Step.SENT)
        .select_related("user")
        .first()
    )
    return note.user if note else None


def review_path(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_review", args=[obj.pk])


def editors(exclude=None):
    """The active members of the Editors group who have an e-mail address."""
    users = get_user_model().objects.filter(groups__name=EDITORS_GROUP, is_active=True).exclude(email="")
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return list(users.distinct())


def send_for_review(obj, user) -> None:
    """Mark `obj` "in review" and ask the editors (each in their language) to review it."""
    obj.status = Status.IN_REVIEW
    obj.save()
    _note(obj, ReviewNote.Step.SENT, user)
    recipients = editors(exclude=user)
    context = {"item": obj, "kind": obj._meta.verbose_name, "sender": user, "review_path": review_path(obj)}

    def send():
        for editor in recipients:
            language = mail.member_language(editor)
            mail.send("core/email/review_request", context, to=[editor.email], language=language)

    mail.on_commit(send)


def _tell_author(obj, note: ReviewNote) -> None:
    person = author(obj)
    if person is None or not person.email or person == note.user:
        return
    context = {"item": obj, "kind": obj._meta.verbose_name, "note": note, "change_path": _change_path(obj)}
    language = mail.member_language(person)
    mail.on_commit(lambda: mail.send("core/email/review_result", context, to=[person.email], language=language))


def _change_path(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def send_back(obj, user, comment: str) -> ReviewNote:
    """Back to draft, with the reviewer's comment for the author (who gets it by e-mail)."""
    obj.status = Status.DRAFT
    obj.save()
    note = _note(obj, ReviewNote.Step.SENT_BACK, user, comment)
    _tell_author(obj, note)
    return note


def published_after_review(obj, user, comment: str = "") -> ReviewNote:
    """Record that a reviewer published `obj` (the admin's publish rule did it) and tell the author."""
    note = _note(obj, ReviewNote.Step.PUBLISHED, user, comment)
    _tell_author(obj, note)
    return note


def shared_preview_token(obj) -> str:
    return signing.TimestampSigner(salt=_SALT).sign_object({"m": obj._meta.label_lower, "pk": obj.pk})


def shared_preview_url(obj) -> str:
    """A link to the preview of `obj` for someone without an account: read-only, valid 7 days."""
    return reverse("shared-preview", kwargs={"token": shared_preview_token(obj)})


def read_token(token: str) -> tuple[str, int]:
    """(model label, pk) of a shared preview token; signing.SignatureExpired or BadSignature if not valid."""
    data = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=SHARED_PREVIEW_AGE)
    if not isinstance(data, dict) or not isinstance(data.get("pk"), int) or not isinstance(data.get("m"), str):
        raise signing.BadSignature("not a preview token")
    return data["m"], data["pk"]
