"""python manage.py import_library FILE.csv: create or update library resources (README: E-Library CSV import)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import db
from elibrary.importer import import_csv
from elibrary.models import Resource
from places.models import Organisation


class Command(BaseCommand):
    help = "Import library resources from a CSV file. Rows update the resource with the same slug; run it twice safely."

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path)
        parser.add_argument(
            "--files-dir", type=Path, help="Where the paths in the `file` column start (default: the CSV's folder)."
        )

    def handle(self, *args, csv_file: Path, files_dir: Path | None = None, **options):
        try:
            text = csv_file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"No file {csv_file}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{csv_file} is not UTF-8 text.") from None
        show = options["verbosity"] > 0
        interactive = show and sys.stderr.isatty()

        def progress(done: int, total: int):
            if not show:
                return
            width = 30
            filled = width * done // max(total, 1)
            line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
            if interactive:
                self.stderr.write(f"\r{line}", ending="")
            elif done == total or done % 100 == 0:
                self.stderr.write(line)

        report = import_csv(text, base_dir=(files_dir or csv_file.parent), progress=progress)
        db.analyze(Resource, Organisation)  # fresh statistics: no plan made for the old table sizes
        if interactive:
            self.stderr.write("")
        if show:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{report.created} created, {report.updated} updated, {len(report.skipped)} skipped."
                )
            )
            for line, reason in report.skipped:
                self.stdout.write(self.style.WARNING(f"line {line}: {reason}"))
