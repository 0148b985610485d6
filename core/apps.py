from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground every app stands on: search, rich text, mail, rate limits, uploads, SEO cards, lists,
    publication and the content version.

    It imports no other app of the project; the apps tell the portal what they offer through
    core.registry, from their own AppConfig.ready().
    """

    name = "core"
    verbose_name = _("Cities of Migration")

    def ready(self):
        from core import alerts, registry, revisions, synonyms, translation_status, versioning
        from core.editors import grant_editor_permissions

        post_migrate.connect(grant_editor_permissions, dispatch_uid="grant_editor_permissions")
        # Every cached fragment keys on the content version: changes to public content move it on.
        versioning.connect()
        # The starting set of core.SynonymGroup (a demo loader is named after its app).
        registry.register_demo("core", synonyms.load_demo)
        # Revisions of every public kind, with the parts of its page (django-reversion).
        revisions.register_publishables()
        # Each save of a public item says where its French and German stand against its English.
        translation_status.connect()
        # A member's alerts (core.alerts) are in their data export; deleting the account deletes them.
        registry.register_personal_data("alerts", alerts.alerts_export)
