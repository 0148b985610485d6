from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ELibraryConfig(AppConfig):
    name = "elibrary"
    verbose_name = _("E-Library")
