from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ELibraryConfig(AppConfig):
    name = "elibrary"
    verbose_name = _("E-Library")

    def ready(self):
        from core import uploads
        from elibrary.models import Resource

        # A resource's file is public while the resource is (the download view asks the same).
        uploads.protect("library", lambda name: Resource.objects.published().filter(file=name).exists())
