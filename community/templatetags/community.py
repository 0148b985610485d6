"""Community pieces for templates: member names, and the questions about a Good Idea, webinar or e-zine item."""

from django import template
from django.utils.translation import gettext as _

from community.forms import ThreadForm
from community.services import subjects
from core.templating import jinja_global

register = template.Library()


@register.filter
def member_name(user) -> str:
    """The display name of a member; "Former member" for a deleted account."""
    if user is None:
        return _("Former member")
    try:
        return user.profile.display_name
    except Exception:
        return user.get_username()


@jinja_global(context=True)
@register.inclusion_tag("community/_questions.html", takes_context=True)
def subject_questions(context, subject, limit=10):
    """{% subject_questions object %}: the questions and feedback about a Good Idea, a webinar or an
    e-zine item, and a form to ask (members). One query for the list, whatever its length.
    Nothing on an editor's preview of an unpublished page (`preview` in the context)."""
    if context.get("preview"):
        return {"hidden": True}
    user = context.get("user")
    return {
        "subject": subject,
        "subject_kind": subjects.subject_kind(subject),
        "ask_url": subjects.ask_url(subject),
        "threads": subjects.subject_threads(subject, limit) if subjects.has_threads(subject) else [],
        # The form only for members (the others see how to sign in): building one copies its fields.
        "form": ThreadForm() if user is not None and user.is_authenticated else None,
        "request": context.get("request"),
        "return_to": context.get("return_to", ""),  # signing in or up from here comes back here
        "user": user,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("community/_questions.html", takes_context=True)
def idea_questions(context, idea, limit=10):
    """{% idea_questions idea %}: the idea's questions and feedback, and a form to ask (members)."""
    return subject_questions(context, idea, limit)
