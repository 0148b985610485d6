"""Import library resources from CSV, and export them to the same columns (README: "E-Library CSV import").

One row is one resource. A row updates the resource with the same slug (or, without a slug, with the
same external address), so importing a file twice changes nothing the second time. Rows that cannot
be imported are skipped and reported with their line number and the reason.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.csvcells import read_csv
from elibrary.forms import LANGUAGES, ResourceRowForm
from elibrary.models import Resource
from elibrary.services import resource_save
from places.models import Organisation

COLUMNS = [
    "slug",
    *[f"title_{code}" for code in LANGUAGES],
    *[f"summary_{code}" for code in LANGUAGES],
    "kind",
    "authors",
    "publisher",
    "year",
    "date",
    "languages",
    "url",
    "file",
    "themes",
    "cities",
    "countries",
    "tags",
    "ideas",
    "published",
]


class RowError(Exception):
    pass


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + len(self.skipped)


def parse_row(row: dict, base_dir: Path | None) -> tuple[dict, dict, ContentFile | None]:
    """(fields, relations, file) for one row of read_csv(); RowError says why the row cannot be imported."""
    form = ResourceRowForm(row, base_dir=base_dir)
    if not form.is_valid():
        raise RowError(form.first_error())
    return form.resource_fields(), form.relations(), form.cleaned_data["file"]


def same_file(resource: Resource, upload: ContentFile) -> bool:
    """Whether `resource` already stores the bytes of `upload` (then it is not stored again)."""
    if not resource.file or resource.file_size != upload.size:
        return False
    try:
        with resource.file.open("rb") as stored:
            return stored.read() == upload.read()
    except OSError:
        return False
    finally:
        upload.seek(0)


def import_row(row: dict, base_dir: Path | None) -> bool:
    """Create or update the resource of one row; True when it was created."""
    fields, relations, upload = parse_row(row, base_dir)
    resource = Resource.objects.filter(slug=fields["slug"]).first()
    if resource is None and fields["external_url"] and not row.get("slug"):
        resource = Resource.objects.filter(external_url=fields["external_url"]).first()
        if resource is not None:
            fields["slug"] = resource.slug
    created = resource is None
    resource = resource or Resource()
    if fields["status"] is None:  # "no": a draft stays a draft (or in review); a published one is withdrawn
        published = resource.status == Resource.Status.PUBLISHED
        fields["status"] = Resource.Status.WITHDRAWN if published else resource.status
    for name, value in fields.items():
        setattr(resource, name, value)
    publisher = relations["publisher"]
    if publisher:
        resource.publisher = Organisation.objects.filter(name__iexact=publisher).first() or Organisation.objects.create(
            name=publisher
        )
    else:
        resource.publisher = None
    file_changed = False
    if upload is not None:
        if not same_file(resource, upload):
            resource.file = upload
            file_changed = True
    else:
        resource.file = None
        file_changed = bool(resource.file_format)
    resource_save(resource=resource, file_changed=file_changed or created)
    resource.themes.set(relations["themes"])
    resource.cities.set(relations["cities"])
    resource.countries.set(relations["countries"])
    resource.related_ideas.set(relations["related_ideas"])
    resource.tags.set(relations["tags"], clear=True)
    return created


def import_one(row: dict, number: int, base_dir: Path | None, report: Report) -> None:
    """Import one row in its own savepoint, so one bad row loses nothing else; count it in `report`."""
    try:
        with transaction.atomic():
            created = import_row(row, base_dir)
    except RowError as error:
        report.skipped.append((number, str(error)))
    except ValidationError as error:
        report.skipped.append((number, " ".join(error.messages)))
    else:
        if created:
            report.created += 1
        else:
            report.updated += 1


def read_rows(text: str) -> tuple[list[dict], str | None]:
    """The rows of a CSV text, and why none can be imported (None when they can)."""
    rows, columns = read_csv(text)
    if "title_en" not in columns and "title" not in columns:
        return [], "the header line has no title_en column"
    return rows, None


def import_csv(
    text: str, *, base_dir: Path | None = None, progress: Callable[[int, int], None] | None = None
) -> Report:
    """Import every row of a CSV text at once (the import_library command; the admin uses run_import)."""
    report = Report()
    rows, problem = read_rows(text)
    if problem:
        report.skipped.append((1, problem))
        return report
    for number, row in enumerate(rows, start=2):
        import_one(row, number, base_dir, report)
        if progress:
            progress(number - 1, len(rows))
    return report


BATCH_ROWS = 500


def run_import(run_id: int, batch_rows: int = BATCH_ROWS) -> None:
    """Import the CSV of ImportRun `run_id` from where it stopped, one committed batch at a time.

    A batch's resources and the run's counts commit in one transaction: stopped halfway (a killed
    worker), the batch leaves no trace and is imported again whole by the job's next attempt.
    """
    from elibrary.models import ImportRun

    run = ImportRun.objects.get(pk=run_id)
    if run.status == ImportRun.Status.DONE:
        return
    rows, problem = read_rows(run.csv_text)
    ImportRun.objects.filter(pk=run_id).update(status=ImportRun.Status.RUNNING, total_rows=len(rows))
    if problem:
        ImportRun.objects.filter(pk=run_id).update(skipped=[[1, problem]], skipped_count=1)
    while import_batch(run_id, rows, batch_rows):
        pass
    ImportRun.objects.filter(pk=run_id).update(status=ImportRun.Status.DONE, finished_at=timezone.now())


def import_batch(run_id: int, rows: list[dict], batch_rows: int) -> bool:
    """Import the next batch of rows of a run; False when none was left."""
    from elibrary.models import ImportRun

    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run_id)
        start = run.rows_done
        if start >= len(rows):
            return False
        report = Report()
        for index, row in enumerate(rows[start : start + batch_rows], start=start):
            import_one(row, index + 2, None, report)
        run.rows_done = min(len(rows), start + batch_rows)
        run.created += report.created
        run.updated += report.updated
        run.skipped_count += len(report.skipped)
        run.skipped = [*run.skipped, *([line, reason] for line, reason in report.skipped)]
        run.save(update_fields=["rows_done", "created", "updated", "skipped_count", "skipped"])
    return True


def export_rows(resources: Iterable[Resource]) -> Iterable[list[str]]:
    yield COLUMNS
    for resource in resources:
        yield [
            resource.slug,
            *[getattr(resource, f"title_{code}") or "" for code in LANGUAGES],
            *[getattr(resource, f"summary_{code}") or "" for code in LANGUAGES],
            resource.kind,
            resource.authors,
            resource.publisher.name if resource.publisher else "",
            str(resource.publication_year),
            resource.publication_date.isoformat() if resource.publication_date else "",
            ";".join(resource.languages),
            resource.external_url,
            resource.file.name if resource.file else "",  # relative to MEDIA_ROOT
            ";".join(theme.slug for theme in resource.themes.all()),
            ";".join(city.slug for city in resource.cities.all()),
            ";".join(country.slug for country in resource.countries.all()),
            ";".join(tag.name for tag in resource.tags.all()),
            ";".join(idea.slug for idea in resource.related_ideas.all()),
            "yes" if resource.status == Resource.Status.PUBLISHED else "no",
        ]
