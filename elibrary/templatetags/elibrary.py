from django import template

from core.lists.rows import lazy_rows
from core.publication import linked_ids
from elibrary.models import Resource
from goodideas.models import GoodIdea

register = template.Library()


@register.simple_tag
def idea_resources(idea, limit: int = 10):
    """The published library resources related to a Good Idea, newest first:
    {% idea_resources idea as resources %}. Their ids in one query; their rows only for a link not kept
    in the fragment cache (elibrary/_idea_resources.html)."""
    ids = linked_ids(GoodIdea.resources, idea.pk, Resource.NEWEST, limit=limit)
    return lazy_rows(ids, Resource.objects.for_links())
