"""Every file an editor uploads, and how it is served back.

One check for every upload field of every app: the file's format is read from its content (never its
name or the type the browser claims), its size is bounded, and it is stored under a random name whose
extension comes from that content. Documents (`DocumentField`) are the E-Library's formats: PDF, DOCX,
ODT, XLSX, PPTX, EPUB. Images (`ImageField`) are JPEG, PNG, GIF or WebP, opened and verified by Pillow.

Uploaded files are served by `serve` (or by a web server set up as README.md "Deployment" says) so that
none can run as a page of the site: anything but an image or a PDF is an attachment, the content type is
never sniffed, and a restrictive Content-Security-Policy applies. Files under a directory an app has
protected (`protect`) are served only while the thing they belong to is published.
"""

import mimetypes
import posixpath
import uuid
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import models
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.views import static
from PIL import Image


@dataclass(frozen=True)
class Format:
    extension: str
    label: str
    content_type: str


DOCUMENTS = {
    item.extension: item
    for item in [
        Format("pdf", "PDF", "application/pdf"),
        Format("docx", "Word (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        Format("odt", "OpenDocument (ODT)", "application/vnd.oasis.opendocument.text"),
        Format("xlsx", "Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        Format(
            "pptx", "PowerPoint (PPTX)", "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        ),
        Format("epub", "EPUB", "application/epub+zip"),
    ]
}
# Pillow's name of each accepted image format. No SVG: it is a document that can carry script.
IMAGES = {
    "JPEG": Format("jpg", "JPEG", "image/jpeg"),
    "PNG": Format("png", "PNG", "image/png"),
    "GIF": Format("gif", "GIF", "image/gif"),
    "WEBP": Format("webp", "WebP", "image/webp"),
}
MAX_IMAGE_BYTES = 10 * 1024 * 1024
# An image larger than this (in pixels) is refused, whatever its size in bytes: it would take a server's
# memory to open (a "decompression bomb").
MAX_IMAGE_PIXELS = 40_000_000

# The part that only a document of each Office Open XML kind has.
OOXML_MAIN_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
# The `mimetype` entry that opens ODF and EPUB packages.
PACKAGE_MIMETYPES = {"application/vnd.oasis.opendocument.text": "odt", "application/epub+zip": "epub"}


def detect_document(file) -> str | None:
    """The extension of `file`'s format ("pdf", "docx", …) read from its bytes, or None if not accepted.

    PDF by its signature; the zip-based formats by the package's own markers: the `mimetype` entry
    (ODT, EPUB) or `[Content_Types].xml` with the format's main part (DOCX, XLSX, PPTX).
    """
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    if not head:
        return None
    kind = filetype.guess(head)
    if kind is not None and kind.extension == "pdf":
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
            if "mimetype" in names:
                info = package.getinfo("mimetype")
                if info.file_size <= 100:
                    mimetype = package.read("mimetype").decode("ascii", "replace").strip()
                    if mimetype in PACKAGE_MIMETYPES:
                        return PACKAGE_MIMETYPES[mimetype]
            if "[Content_Types].xml" in names:
                for part, extension in OOXML_MAIN_PARTS.items():
                    if part in names:
                        return extension
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return None
    finally:
        file.seek(0)
    return None


class TooManyPixels(Exception):
    pass


def detect_image(file) -> str | None:
    """The extension of `file`'s image format ("jpg", "png", …), read and verified by Pillow, or None.

    Raises TooManyPixels for an image too large to open safely.
    """
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                if image.format not in IMAGES:
                    return None
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise TooManyPixels
                image.verify()
                return IMAGES[image.format].extension
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise TooManyPixels from None
    except TooManyPixels:
        raise
    except Exception:  # Pillow raises many kinds of error on a file that is not a valid image
        return None
    finally:
        file.seek(0)


def max_document_bytes() -> int:
    return int(getattr(settings, "ELIBRARY_MAX_UPLOAD_MB", 50)) * 1024 * 1024


def _check_size(file, limit: int) -> None:
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("This file is %(size)s; the largest file accepted is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    if not file.size:
        raise ValidationError(_("This file is empty."), code="empty")


def _not_accepted(formats) -> ValidationError:
    return ValidationError(
        _("This file is not in a format accepted here. Accepted formats: %(formats)s."),
        code="format",
        params={"formats": ", ".join(item.label for item in formats)},
    )


def validate_document(file) -> str:
    """Raise ValidationError unless `file` is a small enough document in an accepted format; return its extension."""
    _check_size(file, max_document_bytes())
    extension = detect_document(file)
    if extension is None:
        raise _not_accepted(DOCUMENTS.values())
    return extension


def validate_image(file) -> str:
    """Raise ValidationError unless `file` is a small enough image in an accepted format; return its extension."""
    _check_size(file, MAX_IMAGE_BYTES)
    try:
        extension = detect_image(file)
    except TooManyPixels:
        raise ValidationError(
            _("This image has too many pixels; the largest accepted is %(megapixels)s megapixels."),
            code="too_many_pixels",
            params={"megapixels": MAX_IMAGE_PIXELS // 1_000_000},
        ) from None
    if extension is None:
        raise _not_accepted(IMAGES.values())
    return extension


@deconstructible(path="core.uploads.RandomName")
class RandomName:
    """upload_to: `<directory>/<year>/<random>.<extension>`; the name the uploader gave never becomes a path.

    The extension is the one the content check found (the checked fields pass it in the name).
    """

    def __init__(self, directory: str):
        self.directory = directory.strip("/")

    def __call__(self, instance, filename: str) -> str:
        extension = PurePosixPath(filename).suffix.lower().lstrip(".")
        if not extension.isalnum() or len(extension) > 5:
            extension = "bin"
        return f"{self.directory}/{timezone.now().year}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.directory == self.directory


class _CheckedFileMixin:
    """A file field whose new files pass `content_check` (in the admin's validation and again before storage)."""

    content_check: Callable[..., str]

    def _checked_extension(self, file) -> str:
        if not hasattr(file, "_checked_extension"):
            file._checked_extension = self.content_check(file)
        return file._checked_extension

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value and not value._committed:  # a new upload; files already stored were checked when they came
            self._checked_extension(value)

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            # upload_to takes the extension from this name: the content's, never the uploader's.
            file.name = f"upload.{self._checked_extension(file)}"
        return super().pre_save(model_instance, add)


class DocumentField(_CheckedFileMixin, models.FileField):
    """A PDF, DOCX, ODT, XLSX, PPTX or EPUB file, checked by content, stored under a random name."""

    content_check = staticmethod(validate_document)


class ImageField(_CheckedFileMixin, models.ImageField):
    """A JPEG, PNG, GIF or WebP image, verified by Pillow, stored under a random name."""

    content_check = staticmethod(validate_image)


# Serving uploaded files ------------------------------------------------------------------------------

# Types a browser may show in place; everything else is a download.
INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"}
# No script, no plugin, no form, no frame around it; `sandbox` also gives the document an opaque origin,
# so even a file that a browser did render as a page could not read or act on the portal.
_STRICT = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'"
MEDIA_CSP = f"{_STRICT}; sandbox"
# Browsers show PDFs with a built-in viewer that a sandboxed document, or one without object-src, may not load.
PDF_CSP = f"{_STRICT}; object-src 'self'"

# Directories whose files are served only while what they belong to is published: (prefix, is_public(name)).
_PROTECTED: list[tuple[str, Callable[[str], bool]]] = []


def protect(directory: str, is_public: Callable[[str], bool]) -> None:
    """Serve the files under `directory` (a path in the uploads' storage) only when `is_public(name)` says so.

    Staff see them always (the admin links to them). Apps call this from their AppConfig.ready().
    """
    _PROTECTED.append((directory.strip("/") + "/", is_public))


def media_headers(response, path: str) -> None:
    """What makes an uploaded file safe to serve from the portal's own address."""
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = PDF_CSP if content_type == "application/pdf" else MEDIA_CSP
    response.headers["Content-Disposition"] = "inline" if content_type in INLINE_TYPES else "attachment"


def _file_response(request, name):
    """The stored file: from MEDIA_ROOT by Django's static view (which answers If-Modified-Since), or
    streamed from the storage where it is elsewhere (an S3 bucket: core/objectstorage.py)."""
    if isinstance(default_storage, FileSystemStorage):
        return static.serve(request, name, document_root=default_storage.location)
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    return FileResponse(handle, content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")


def serve(request, path):
    """An uploaded file, with the headers of `media_headers`; 404 for a protected file not public now."""
    name = posixpath.normpath(path).lstrip("/")
    if name == ".." or name.startswith("../"):
        raise Http404
    protected = False
    for directory, is_public in _PROTECTED:
        if name.startswith(directory):
            protected = True
            if not (request.user.is_staff or is_public(name)):
                raise Http404
    response = _file_response(request, name)
    media_headers(response, name)
    if protected:
        response.headers["Cache-Control"] = "private, no-cache"
    return response
