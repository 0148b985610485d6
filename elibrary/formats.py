"""The file formats the E-Library accepts, and how each is recognised from its content (never its name)."""

import zipfile
from dataclasses import dataclass

import filetype


@dataclass(frozen=True)
class Format:
    extension: str
    label: str
    content_type: str


FORMATS = {
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

# The part that only a document of each Office Open XML kind has.
OOXML_MAIN_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
# The `mimetype` entry that opens ODF and EPUB packages.
PACKAGE_MIMETYPES = {"application/vnd.oasis.opendocument.text": "odt", "application/epub+zip": "epub"}


def detect(file) -> str | None:
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
