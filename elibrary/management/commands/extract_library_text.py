"""python manage.py extract_library_text [--all]: queue the reading of library files for search (the backfill)."""

from django.core.management.base import BaseCommand

from elibrary.models import Resource
from elibrary.services import resources_queue_extraction


class Command(BaseCommand):
    help = (
        "Queue the text extraction of every library resource's file not read yet (or that failed); "
        "a worker reads them. --all reads every file again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Read every file again, even those already read.")

    def handle(self, *args, **options):
        resources = Resource.objects.all()
        if not options["all"]:
            resources = resources.exclude(extraction=Resource.Extraction.DONE)
        count = resources_queue_extraction(resources)
        if options["verbosity"] > 0:
            self.stdout.write(f"{count} files queued for text extraction; a worker reads them.")
