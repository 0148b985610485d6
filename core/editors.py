"""The "Editors" group: manages the portal's content in the admin, but not users or groups."""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

EDITORS_GROUP = "Editors"


def grant_editor_permissions(sender=None, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    """After each migrate, give the group every permission of the content apps (new models included)."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    group, _ = Group.objects.using(using).get_or_create(name=EDITORS_GROUP)
    wanted = Q(content_type__app_label__in=settings.EDITOR_APP_LABELS)
    for app_label, model in (label.split(".") for label in settings.EDITOR_MODELS):
        wanted |= Q(content_type__app_label=app_label, content_type__model=model)
    permissions = Permission.objects.using(using).filter(wanted)
    group.permissions.add(*permissions)
