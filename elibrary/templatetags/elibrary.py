from django import template

from core.lists.rows import lazy_rows
from elibrary.models import Resource

register = template.Library()


@register.simple_tag
def idea_resources(idea, limit: int = 10):
    """The published library resources related to a Good Idea, newest first:
    {% idea_resources idea as resources %}. Their ids in one query; their rows only for a link not kept
    in the fragment cache (elibrary/_idea_resources.html)."""
    ids = Resource.objects.published().filter(related_ideas=idea).order_by(*Resource.NEWEST)
    return lazy_rows(list(ids.values_list("pk", flat=True)[:limit]), Resource.objects.for_links())
