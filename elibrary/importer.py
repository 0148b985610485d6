"""Import library resources from CSV, and export them to the same columns (README: "E-Library CSV import").

One row is one resource. A row updates the resource with the same slug (or, without a slug, with the
same external address), so importing a file twice changes nothing the second time. Rows that cannot
be imported are skipped and reported with their line number and the reason.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from core import db, translation_status, versioning
from core.csvcells import read_csv
from elibrary.forms import LANGUAGES, Known, ResourceRowForm
from elibrary.models import Resource
from elibrary.services import resource_read_file, resource_save
from places.models import Organisation, Tag, TaggedItem

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
    """Import every row of a CSV text (the import_library command; the admin's job uses run_import), in
    batches of BATCH_ROWS that each commit."""
    report = Report()
    rows, problem = read_rows(text)
    if problem:
        report.skipped.append((1, problem))
        return report
    for start in range(0, len(rows), BATCH_ROWS):
        with transaction.atomic():
            import_rows(list(enumerate(rows[start : start + BATCH_ROWS], start=start + 2)), base_dir, report)
        if progress:
            progress(min(len(rows), start + BATCH_ROWS), len(rows))
    return report


BATCH_ROWS = 500


def run_import(run_id: int, batch_rows: int | None = None) -> None:
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
    while import_batch(run_id, rows, batch_rows or BATCH_ROWS):
        pass
    db.analyze(Resource, Organisation, Tag, TaggedItem)  # fresh statistics for the plans of the grown tables
    ImportRun.objects.filter(pk=run_id).update(status=ImportRun.Status.DONE, finished_at=timezone.now())


def import_batch(run_id: int, rows: list[dict], batch_rows: int) -> bool:
    """Import the next batch of rows of a run; False when none was left."""
    from elibrary.models import ImportRun

    with transaction.atomic():
        # Not the CSV text again (50 MB, parsed once per job): the counts only.
        run = ImportRun.objects.select_for_update().defer("csv_text").get(pk=run_id)
        start = run.rows_done
        if start >= len(rows):
            return False
        report = Report()
        import_rows(list(enumerate(rows[start : start + batch_rows], start=start + 2)), None, report)
        run.rows_done = min(len(rows), start + batch_rows)
        run.created += report.created
        run.updated += report.updated
        run.skipped_count += len(report.skipped)
        run.skipped = [*run.skipped, *([line, reason] for line, reason in report.skipped)]
        run.save(update_fields=["rows_done", "created", "updated", "skipped_count", "skipped"])
    return True


# A batch, together ---------------------------------------------------------------------------------------------


@dataclass
class Parsed:
    number: int
    row: dict
    fields: dict
    relations: dict


def import_rows(numbered: list[tuple[int, dict]], base_dir: Path | None, report: Report) -> None:
    """Import a batch of (line number, row) in order, counting each in `report`.

    Rows without a file are written together (`write_together`): a few queries for the batch, whatever
    its number of rows. A row with a file (the import_library command's) is imported alone, where it
    stands, as its file is stored and read. Should the batch's write fail in the database, its rows are
    imported one at a time, each in its own savepoint, so that only a faulty row is skipped (with why).
    """
    known = Known([row for _number, row in numbered])
    pending: list[Parsed] = []
    for number, row in numbered:
        form = ResourceRowForm(row, base_dir=base_dir, known=known)
        if not form.is_valid():
            report.skipped.append((number, form.first_error()))
        elif form.cleaned_data["file"] is not None:
            import_together(pending, base_dir, report)
            pending = []
            import_one(row, number, base_dir, report)
        else:
            pending.append(Parsed(number, row, form.resource_fields(), form.relations()))
    import_together(pending, base_dir, report)


def import_together(pending: list[Parsed], base_dir: Path | None, report: Report) -> None:
    if not pending:
        return
    try:
        with transaction.atomic():
            created, updated = write_together(pending)
    except DatabaseError:
        for item in pending:
            import_one(item.row, item.number, base_dir, report)
    else:
        report.created += created
        report.updated += updated


def _find_existing(pending: list[Parsed]) -> tuple[dict, dict]:
    """The resources the rows name: ({slug: resource}, {address: resource}) for rows without a slug."""
    fields_read = Resource.objects.without_text()
    by_slug = {resource.slug: resource for resource in fields_read.filter(slug__in={p.fields["slug"] for p in pending})}
    urls = {p.fields["external_url"] for p in pending if not p.row.get("slug") and p.fields["external_url"]}
    by_url: dict[str, Resource] = {}
    if urls:
        for resource in fields_read.filter(external_url__in=urls):  # the model's order, as .first() reads it
            by_url.setdefault(resource.external_url, resource)
    return by_slug, by_url


def _publishers(pending: list[Parsed]) -> dict[str, Organisation]:
    """{lower-case name: organisation} for every publisher the rows name; the unknown ones are created."""
    names = {p.relations["publisher"] for p in pending if p.relations["publisher"]}
    found: dict[str, Organisation] = {}
    if names:
        keys = {name.lower() for name in names}
        for organisation in Organisation.objects.annotate(key=Lower("name")).filter(key__in=keys).order_by("name"):
            found.setdefault(organisation.key, organisation)
    missing = {name.lower(): Organisation(name=name) for name in names if name.lower() not in found}
    Organisation.objects.bulk_create(missing.values())
    return {**found, **missing}


def _apply(resource: Resource, item: Parsed, publishers: dict, now, old_files: dict[str, Resource]) -> None:
    """Set the row's values on `resource`, as import_row and resource_save would."""
    fields = dict(item.fields)
    if fields["status"] is None:  # "no": a draft stays a draft (or in review); a published one is withdrawn
        published = resource.status == Resource.Status.PUBLISHED
        fields["status"] = Resource.Status.WITHDRAWN if published else resource.status
    for name, value in fields.items():
        setattr(resource, name, value)
    publisher = item.relations["publisher"]
    resource.publisher = publishers[publisher.lower()] if publisher else None
    if resource.file:  # the row gives an address: the stored file goes (after the commit)
        old_files[resource.file.name] = resource
        resource.file = None
        resource_read_file(resource=resource)
    if resource.status == Resource.Status.PUBLISHED:  # Publishable.save's rule
        resource.published_at = resource.publication_time()
    resource.updated_at = now


UPDATED_FIELDS = [
    "slug",
    "title",
    *[f"title_{code}" for code in LANGUAGES],
    "summary",
    *[f"summary_{code}" for code in LANGUAGES],
    "kind",
    "authors",
    "publication_year",
    "publication_date",
    "languages",
    "external_url",
    "status",
    "published_at",
    "publisher",
    "updated_at",
]  # (the English title and summary also in `title` and `summary`, as modeltranslation keeps them)
# Written only for the resources whose stored file an address replaced (their text is not read otherwise).
FILE_FIELDS = ["file", "file_format", "file_size", "page_count", "extracted_text", "extraction", "extraction_note"]


def write_together(pending: list[Parsed]) -> tuple[int, int]:
    """Create or update the resources of rows without a file with a few queries in all; (created, updated).

    What the signals of one save would do is done here for the batch: the translation statuses, the
    content version (bulk writes send no signals), the deletion of files an address replaces.
    """
    by_slug, by_url = _find_existing(pending)
    publishers = _publishers(pending)
    now, old_files = timezone.now(), {}
    resources: dict[str, Resource] = {}  # by slug: a slug twice in a batch updates the first row's resource
    relations: dict[str, dict] = {}
    created = updated = 0
    for item in pending:
        slug = item.fields["slug"]
        resource = resources.get(slug) or by_slug.get(slug)
        if resource is None and not item.row.get("slug") and item.fields["external_url"]:
            resource = by_url.get(item.fields["external_url"])
            if resource is not None:
                item.fields["slug"] = slug = resource.slug
                resource = resources.get(slug, resource)
        if resource is None:
            resource, created = Resource(), created + 1
        else:
            updated += 1
        _apply(resource, item, publishers, now, old_files)
        resources[slug] = resource
        relations[slug] = item.relations
    db.update_rows([resource for resource in resources.values() if resource.pk is not None], UPDATED_FIELDS)
    db.update_rows(set(old_files.values()), FILE_FIELDS)
    Resource.objects.bulk_create([resource for resource in resources.values() if resource.pk is None])
    links = {slug: relations[slug] for slug in resources}
    for name in ("themes", "cities", "countries", "related_ideas"):
        _set_links(getattr(Resource, name).through, name, {resources[s].pk: links[s][name] for s in resources})
    _set_tags({resources[slug].pk: links[slug]["tags"] for slug in resources})
    translation_status.record_many(list(resources.values()))
    versioning.bump()
    if old_files:
        storage = Resource._meta.get_field("file").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in old_files])
    return created, updated


def _set_links(through, name: str, wanted: dict[int, list]) -> None:
    """Make the many-to-many links `name` of each resource (its pk) exactly `wanted[pk]`: three queries at most."""
    target = Resource._meta.get_field(name).m2m_reverse_name()  # e.g. theme_id
    source = Resource._meta.get_field(name).m2m_column_name()  # resource_id
    wanted_pairs = {(pk, row.pk) for pk, rows in wanted.items() for row in rows}
    existing = through.objects.filter(**{f"{source}__in": list(wanted)}).values_list("pk", source, target)
    stale, have = [], set()
    for link_id, pk, other in existing:
        if (pk, other) in wanted_pairs:
            have.add((pk, other))
        else:
            stale.append(link_id)
    if stale:
        through.objects.filter(pk__in=stale).delete()
    through.objects.bulk_create([through(**{source: pk, target: other}) for pk, other in wanted_pairs - have])


def _set_tags(wanted: dict[int, list[str]]) -> None:
    """The tags of each resource (its pk), exactly the names `wanted[pk]` (unknown names become tags)."""
    names = {name for names in wanted.values() for name in names}
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)} if names else {}
    for name in sorted(names - set(tags)):
        tags[name] = Tag.objects.create(name=name)  # taggit's save() gives it a unique slug; new tags are few
    content_type = ContentType.objects.get_for_model(Resource)
    wanted_pairs = {(pk, tags[name].pk) for pk, names in wanted.items() for name in names}
    existing = TaggedItem.objects.filter(content_type=content_type, object_id__in=list(wanted))
    stale, have = [], set()
    for link_id, pk, tag_id in existing.values_list("pk", "object_id", "tag_id"):
        if (pk, tag_id) in wanted_pairs:
            have.add((pk, tag_id))
        else:
            stale.append(link_id)
    if stale:
        TaggedItem.objects.filter(pk__in=stale).delete()
    TaggedItem.objects.bulk_create(
        [TaggedItem(content_type=content_type, object_id=pk, tag_id=tag_id) for pk, tag_id in wanted_pairs - have]
    )


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
