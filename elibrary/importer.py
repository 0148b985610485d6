"""Import library resources from CSV, and export them to the same columns (README: "E-Library CSV import").

One row is one resource. A row updates the resource with the same slug (or, without a slug, with the
same external address), so importing a file twice changes nothing the second time. Rows that cannot
be imported are skipped and reported with their line number and the reason.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify

from core.csvcells import read_cell
from core.uploads import max_document_bytes, validate_document
from elibrary.models import DocumentLanguage, Kind, Resource
from elibrary.services import resource_save
from goodideas.models import GoodIdea
from places.models import City, Country, Organisation, Theme

LANGUAGES = ["en", "fr", "de"]
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
TRUE = {"", "1", "true", "yes", "y", "oui", "ja"}
FALSE = {"0", "false", "no", "n", "non", "nein"}


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


def split(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").replace(",", ";").split(";") if item.strip()]


def lookup(model, values: list[str], label: str, *fields: str) -> list:
    """The rows of `model` whose slug (or another of `fields`) is each of `values`; unknown → RowError."""
    found = []
    for value in values:
        match = None
        for name in fields or ("slug",):
            match = model.objects.filter(**{f"{name}__iexact": value}).first()
            if match:
                break
        if match is None:
            raise RowError(f"unknown {label} “{value}”")
        found.append(match)
    return found


def parse_row(row: dict, base_dir: Path | None) -> tuple[dict, dict, ContentFile | None]:
    """(fields, relations, file) for one CSV row; RowError says why the row cannot be imported."""
    # read_cell: a cell our export marked as text (a ' before =, +, - or @) reads back as it was.
    # Cells beyond the header's columns (DictReader's key None) are left out.
    row = {key.strip().lower(): read_cell(value or "").strip() for key, value in row.items() if key is not None}
    title = row.get("title_en") or row.get("title", "")
    if not title:
        raise RowError("no English title (title_en)")
    slug = slugify(row.get("slug") or title)[:200]
    if not slug:
        raise RowError("no slug could be made from the title")
    kind = row.get("kind") or Kind.RESEARCH_REPORT
    if kind not in Kind.values:
        raise RowError(f"unknown kind “{kind}” (one of {', '.join(Kind.values)})")
    try:
        year = int(row.get("year", ""))
    except ValueError:
        raise RowError(f"the year “{row.get('year', '')}” is not a year") from None
    if not 1900 <= year <= 2100:
        raise RowError(f"the year {year} is out of range (1900–2100)")
    publication_date = None
    if row.get("date"):
        try:
            publication_date = date.fromisoformat(row["date"])
        except ValueError:
            raise RowError(f"the date “{row['date']}” is not YYYY-MM-DD") from None
        if publication_date.year != year:
            raise RowError("the date is not in the year given")
    languages = [code.lower() for code in split(row.get("languages"))]
    if unknown := [code for code in languages if code not in DocumentLanguage.values]:
        raise RowError(f"unknown document language “{unknown[0]}”")
    url = row.get("url", "")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise RowError(f"the address “{url[:80]}” is not a web address") from None
    upload = None
    if row.get("file"):
        if base_dir is None:
            raise RowError("files can only be imported with the import_library command")
        path = (base_dir / row["file"]).resolve()
        if not path.is_relative_to(base_dir.resolve()) or not path.is_file():
            raise RowError(f"no file “{row['file']}” next to the CSV file")
        if path.stat().st_size > max_document_bytes():
            raise RowError(f"the file “{row['file']}” is larger than the upload limit")
        upload = ContentFile(path.read_bytes(), name=path.name)
        try:
            validate_document(upload)
        except ValidationError as error:
            raise RowError(" ".join(error.messages)) from None
    if bool(upload) == bool(url):
        raise RowError("give either a url or a file, not both and not neither")
    published = row.get("published", "").lower()
    if published not in TRUE | FALSE:
        raise RowError(f"published must be yes or no, not “{published}”")
    fields = {
        "slug": slug,
        "title": title,
        "kind": kind,
        "authors": row.get("authors", "")[:500],
        "publication_year": year,
        "publication_date": publication_date,
        "languages": languages,
        "external_url": url,
        "status": Resource.Status.PUBLISHED if published in TRUE else None,  # None: not published (import_row)
    }
    for name in ("title", "summary"):
        for code in LANGUAGES:
            fields[f"{name}_{code}"] = row.get(f"{name}_{code}", "") or (
                title if f"{name}_{code}" == "title_en" else ""
            )
    fields["summary"] = fields["summary_en"]
    relations = {
        "themes": lookup(Theme, split(row.get("themes")), "theme"),
        "cities": lookup(City, split(row.get("cities")), "city"),
        "countries": lookup(Country, split(row.get("countries")), "country", "slug", "code"),
        "related_ideas": lookup(GoodIdea, split(row.get("ideas")), "Good Idea"),
        "tags": split(row.get("tags")),
        "publisher": row.get("publisher", "")[:200],
    }
    return fields, relations, upload


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


def read_rows(text: str) -> tuple[list[dict], list[str]]:
    """The rows of a CSV text (comma or semicolon separated, with a header line) and its columns."""
    text = text.lstrip("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    return list(reader), [name.strip().lower() for name in reader.fieldnames or []]


def import_csv(
    text: str, *, base_dir: Path | None = None, progress: Callable[[int, int], None] | None = None
) -> Report:
    """Import every row of a CSV text; each row in its own transaction, so one bad row loses nothing else."""
    report = Report()
    rows, columns = read_rows(text)
    if "title_en" not in columns and "title" not in columns:
        report.skipped.append((1, "the header line has no title_en column"))
        return report
    for number, row in enumerate(rows, start=2):
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
        if progress:
            progress(number - 1, len(rows))
    return report


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
