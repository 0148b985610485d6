"""Community pieces for templates: member names, and the questions about a Good Idea."""

from django import template
from django.utils.translation import gettext as _

from community.forms import ThreadForm
from community.models import Thread

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


@register.inclusion_tag("community/_idea_questions.html", takes_context=True)
def idea_questions(context, idea, limit=10):
    """{% idea_questions idea %}: the idea's questions and feedback, and a form to ask (members)."""
    threads = list(Thread.objects.visible().filter(idea=idea).for_listing().order_by("-created_at")[:limit])
    return {
        "idea": idea,
        "threads": threads,
        "form": ThreadForm(),
        "request": context.get("request"),
        "user": context.get("user"),
        "csrf_token": context.get("csrf_token"),
    }
