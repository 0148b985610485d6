from django import template

from elibrary.models import Resource

register = template.Library()


@register.simple_tag
def idea_resources(idea, limit: int = 10):
    """The published library resources related to a Good Idea: {% idea_resources idea as resources %}."""
    return list(Resource.objects.for_idea(idea)[:limit])
