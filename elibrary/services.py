"""What happens to a resource's file when it is saved: its format and size are read from it at once, and
a background job (elibrary.extract_text) reads its pages and text for search, within core.extract's limits."""

import io
import logging
import re
import zipfile

from django.db import transaction

from core import extract
from core.uploads import detect_document
from elibrary.models import Resource

logger = logging.getLogger(__name__)

Extraction = Resource.Extraction


def office_page_count(file, extension: str) -> int | None:
    """Pages (DOCX) or slides (PPTX) as the application that saved the document recorded them."""
    tag = {"docx": "Pages", "pptx": "Slides"}.get(extension)
    if not tag:
        return None
    try:
        with zipfile.ZipFile(file) as package:
            if "docProps/app.xml" not in package.namelist() or package.getinfo("docProps/app.xml").file_size > 1 << 20:
                return None
            found = re.search(rf"<{tag}>(\d+)</{tag}>", package.read("docProps/app.xml").decode("utf-8", "replace"))
            return int(found.group(1)) if found else None
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)


def resource_read_file(*, resource: Resource) -> Resource:
    """Fill in the file's format, size and (Office) page count from the file itself (not saved yet); its
    text waits for the extraction job, which resource_save queues."""
    resource.page_count = None
    resource.extracted_text = ""
    resource.extraction_note = ""
    if not resource.file:
        resource.file_format = ""
        resource.file_size = None
        resource.extraction = Extraction.NONE
        return resource
    file = resource.file
    file.open("rb")
    try:
        resource.file_size = file.size
        resource.file_format = detect_document(file) or ""
        resource.page_count = office_page_count(file, resource.file_format)
        resource.extraction = Extraction.QUEUED
    finally:
        file.seek(0)
    return resource


def resource_queue_extraction(resource: Resource) -> None:
    """Queue the reading of `resource`'s file once the transaction that saved it commits."""
    from elibrary import tasks  # the jobs module imports the importer, which saves through this module

    resource_id, file_name = resource.pk, resource.file.name
    transaction.on_commit(lambda: tasks.queue_extraction(resource_id, file_name))


def resources_queue_extraction(resources) -> int:
    """Queue the reading of the files of `resources` (a queryset) again: the admin's action and the
    backfill command (extract_library_text). Returns how many were queued."""
    from elibrary import tasks

    with_files = resources.exclude(file="")
    with transaction.atomic():
        found = list(with_files.values_list("pk", "file"))
        Resource.objects.filter(pk__in=with_files.values("pk")).update(extraction=Extraction.QUEUED, extraction_note="")
        transaction.on_commit(lambda: [tasks.queue_extraction(pk, name) for pk, name in found])
    return len(found)


def resource_extract_text(*, resource_id: int, file_name: str) -> str:
    """Read the text and pages of resource `resource_id`'s file, if it is still `file_name`, and save them
    with how it went (done, or failed and why): a damaged or oversized document is recorded, not raised.

    Returns the state it left (for the job's log).
    """
    resource = Resource.objects.filter(pk=resource_id).only("pk", "file", "file_format").first()
    if resource is None or resource.file.name != file_name:
        return "skipped: the resource or its file changed since"  # the newer file has its own job
    try:
        with resource.file.open("rb") as file:
            data = file.read(extract.MAX_FILE_BYTES + 1)
        if len(data) > extract.MAX_FILE_BYTES:
            raise extract.ExtractionFailed(
                f"the file is larger than {extract.MAX_FILE_BYTES // (1024 * 1024)} MB, the most that is read"
            )
        # The format found on upload; a file stored before that was recorded is recognised now.
        found = extract.extract(data, resource.file_format or detect_document(io.BytesIO(data)) or "")
    except OSError as error:
        found = extract.ExtractionFailed(f"the file could not be opened ({error})")
    except extract.ExtractionFailed as error:
        found = error
    with transaction.atomic():
        resource = Resource.objects.select_for_update().filter(pk=resource_id, file=file_name).first()
        if resource is None:
            return "skipped: the resource or its file changed since"
        if isinstance(found, extract.ExtractionFailed):
            logger.warning("Could not read the text of resource %s: %s", resource_id, found)
            resource.extraction, resource.extraction_note, resource.extracted_text = Extraction.FAILED, str(found), ""
        else:
            resource.extraction, resource.extracted_text = Extraction.DONE, found.text
            resource.extraction_note = (
                f"only the first {extract.MAX_CHARACTERS:,} characters (or {extract.MAX_PDF_PAGES} pages) are searched"
                if found.cut
                else ""
            )
            if found.pages is not None:
                resource.page_count = found.pages
        resource.extraction_note = resource.extraction_note[:500]
        # A save (not an update): the signals move the content version on, so search pages show the text.
        resource.save(update_fields=["extraction", "extraction_note", "extracted_text", "page_count"])
    return resource.extraction


def resource_save(*, resource: Resource, file_changed: bool) -> Resource:
    """Save `resource`; when its file is new or replaced, read the file's facts first.

    A replaced or removed file is deleted from storage once the change is committed.
    """
    old_name = ""
    if file_changed:
        resource_read_file(resource=resource)
        if resource.pk:
            old_name = Resource.objects.filter(pk=resource.pk).values_list("file", flat=True).first() or ""
    resource.save()
    if file_changed and resource.file:
        resource_queue_extraction(resource)
    if old_name and old_name != resource.file.name:
        storage = resource.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return resource


def external_urls() -> list[str]:
    """The resources' external addresses, for the weekly link check (core.linkcheck)."""
    return list(Resource.objects.exclude(external_url="").values_list("external_url", flat=True))
