from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CitiesOfMigrationConfig(AppConfig):
    name = "citiesofmigration"
    verbose_name = _("Cities of Migration")

    def ready(self):
        from citiesofmigration.editors import grant_editor_permissions

        post_migrate.connect(grant_editor_permissions, dispatch_uid="grant_editor_permissions")
