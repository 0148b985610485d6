"""Small real files of each format, made in memory for the upload tests."""

import io
import zipfile

from tests.elibrary.pdf import make_pdf

CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def zipped(entries: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        if stored_first:
            package.writestr(zipfile.ZipInfo(stored_first), entries.pop(stored_first), compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            package.writestr(name, data)
    return buffer.getvalue()


def pdf(text="Integration in cities.") -> bytes:
    return make_pdf("A report", [text])


def docx() -> bytes:
    return zipped(
        {
            "[Content_Types].xml": CONTENT_TYPES.encode(),
            "word/document.xml": b"<w:document/>",
            "docProps/app.xml": b"<Properties><Pages>7</Pages></Properties>",
        }
    )


def xlsx() -> bytes:
    return zipped({"[Content_Types].xml": CONTENT_TYPES.encode(), "xl/workbook.xml": b"<workbook/>"})


def pptx() -> bytes:
    return zipped(
        {
            "[Content_Types].xml": CONTENT_TYPES.encode(),
            "ppt/presentation.xml": b"<p:presentation/>",
            "docProps/app.xml": b"<Properties><Slides>12</Slides></Properties>",
        }
    )


def odt() -> bytes:
    return zipped(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document-content/>"},
        stored_first="mimetype",
    )


def epub() -> bytes:
    entries = {"mimetype": b"application/epub+zip", "META-INF/container.xml": b"<container/>"}
    return zipped(entries, stored_first="mimetype")


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


# The header of an E-Library import CSV file.
HEADER = (
    "slug,title_en,title_fr,summary_en,kind,authors,publisher,year,date,languages,url,file,themes,cities,ideas,tags\n"
)
