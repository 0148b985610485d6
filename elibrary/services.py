"""What happens to a resource's file when it is saved: its format, size, pages and text are read from it."""

import logging
import re
import zipfile

from django.db import transaction
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from core.uploads import detect_document
from elibrary.models import Resource

logger = logging.getLogger(__name__)

# The text kept from a document: enough to find it by what it says, and well inside PostgreSQL's
# 1 MB limit on a tsvector.
MAX_TEXT_CHARACTERS = 200_000
# Pages read for text: a 2,000-page report is searchable by its first pages, and saving stays quick.
MAX_TEXT_PAGES = 300


def pdf_facts(file) -> tuple[int | None, str]:
    """The page count and the text of a PDF (as much as the limits allow)."""
    try:
        reader = PdfReader(file)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                return None, ""
        pages = len(reader.pages)
        parts, length = [], 0
        for page in reader.pages[:MAX_TEXT_PAGES]:
            try:
                text = page.extract_text() or ""
            except Exception:
                logger.warning("Could not read the text of a page", exc_info=True)
                continue
            parts.append(text)
            length += len(text)
            if length >= MAX_TEXT_CHARACTERS:
                break
        return pages, clean_text(" ".join(parts))
    except (PyPdfError, OSError, ValueError, KeyError, TypeError):
        logger.warning("Could not read a PDF", exc_info=True)
        return None, ""


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


def clean_text(text: str) -> str:
    text = text.replace("\x00", " ")
    return " ".join(text.split())[:MAX_TEXT_CHARACTERS]


def resource_read_file(*, resource: Resource) -> Resource:
    """Fill in the file's format, size, page count and text from the file itself (not saved yet)."""
    if not resource.file:
        resource.file_format = ""
        resource.file_size = None
        resource.page_count = None
        resource.extracted_text = ""
        return resource
    file = resource.file
    file.open("rb")
    try:
        resource.file_size = file.size
        resource.file_format = detect_document(file) or ""
        if resource.file_format == "pdf":
            resource.page_count, resource.extracted_text = pdf_facts(file)
        else:
            resource.page_count = office_page_count(file, resource.file_format)
            resource.extracted_text = ""
    finally:
        file.seek(0)
    return resource


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
    if old_name and old_name != resource.file.name:
        storage = resource.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return resource


def external_urls() -> list[str]:
    """The resources' external addresses, for the weekly link check (core.linkcheck)."""
    return list(Resource.objects.exclude(external_url="").values_list("external_url", flat=True))
