"""Load the demo content of every app. Running it again updates the same rows: nothing is duplicated."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from core import db, registry, vocabulary


class Command(BaseCommand):
    help = "Load the demo content (cities, Good Ideas, library, webinars, e-zine, community). Idempotent."

    def handle(self, *args, **options):
        # Each app registers its loader (core.registry), after the loaders whose content it links to.
        for loader in registry.demo_loaders():
            with transaction.atomic():
                summary = loader.load()
            if options["verbosity"]:
                self.stdout.write(f"{loader.name}: {summary}")
            # Fresh statistics for the planner; a loader not named after an app (synonyms) loads into core.
            db.analyze(*(apps.app_configs.get(loader.name) or apps.get_app_config("core")).get_models())
        terms = vocabulary.refresh_terms()  # "did you mean" learns the words of the demo content
        if options["verbosity"]:
            self.stdout.write(f"search: {terms} words for suggestions")
