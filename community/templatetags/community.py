"""Community pieces for templates: member names, the number of replies, and the questions about a Good
Idea, webinar or e-zine item (community/_questions.html, a Jinja2 partial)."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community.forms import ThreadForm
from community.services import subjects
from core.templating import jinja_filter, jinja_global

register = template.Library()


@jinja_filter
@register.filter
def member_name(user) -> str:
    """The display name of a member; "Former member" for a deleted account."""
    if user is None:
        return _("Former member")
    try:
        return user.profile.display_name
    except Exception:
        return user.get_username()


@jinja_global
def replies(count: int) -> str:
    """ "3 replies", in the page's language."""
    return ngettext("%(counter)s reply", "%(counter)s replies", count) % {"counter": count}


@jinja_global(context=True)
def subject_questions(context, subject, limit=10):
    """The questions and feedback about a Good Idea, a webinar or an e-zine item, and a form to ask
    (members), for community/_questions.html. One query for the list, whatever its length, none for a
    subject without questions. Nothing on an editor's preview of an unpublished page (`preview`)."""
    if context.get("preview"):
        return {"hidden": True}
    user = context.get("user")
    return {
        "subject_kind": subjects.subject_kind(subject),
        "ask_url": subjects.ask_url(subject),
        "threads": subjects.subject_threads(subject, limit) if subjects.has_threads(subject) else [],
        # The form only for members (the others see how to sign in): building one copies its fields.
        "form": ThreadForm() if user is not None and user.is_authenticated else None,
    }
