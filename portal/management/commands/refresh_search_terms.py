"""Rebuild the vocabulary that site search's "did you mean" draws on."""

from django.core.management.base import BaseCommand

from core import vocabulary


class Command(BaseCommand):
    help = 'Rebuild the words that "Did you mean …" suggests, from the public titles and summaries.'

    def handle(self, *args, **options):
        count = vocabulary.refresh_terms()
        if options["verbosity"]:
            self.stdout.write(f"{count} search terms.")
