"""Helpers of the E-Library for templates: for Jinja2 ones (core.templating.jinja_global); none for Django's."""

from django import template

from core.lists.rows import lazy_rows
from core.publication import linked_ids
from core.templating import jinja_global
from elibrary.models import Resource
from goodideas.models import GoodIdea

register = template.Library()


@jinja_global
def idea_resources(idea, limit: int = 10):
    """The published library resources related to a Good Idea, newest first, for the idea's page
    (goodideas/idea_detail.html, Jinja2). Their ids in one query; their rows only for a link not kept in
    the fragment cache."""
    ids = linked_ids(GoodIdea.resources, idea.pk, Resource.NEWEST, limit=limit)
    return lazy_rows(ids, Resource.objects.for_links())
