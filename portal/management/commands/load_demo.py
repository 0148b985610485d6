"""Load the demo content of every app. Running it again updates the same rows: nothing is duplicated."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from portal import sitesearch

# Apps with a `demo` module that has `load(stdout)`, in the order they depend on each other.
DEMO_APPS = ["places", "goodideas", "elibrary", "webinars", "conversations", "community"]


class Command(BaseCommand):
    help = "Load the demo content (cities, Good Ideas, library, webinars, e-zine, community). Idempotent."

    def handle(self, *args, **options):
        for app in DEMO_APPS:
            with transaction.atomic():
                summary = import_module(f"{app}.demo").load()
            if options["verbosity"]:
                self.stdout.write(f"{app}: {summary}")
        terms = sitesearch.refresh_terms()  # "did you mean" learns the words of the demo content
        if options["verbosity"]:
            self.stdout.write(f"search: {terms} words for suggestions")
