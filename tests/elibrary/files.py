"""Small real files of each format, made in memory for the upload tests."""

import io
import zipfile
from xml.sax.saxutils import escape

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


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def docx(text: str = "Integration in cities.") -> bytes:
    """A Word document whose one paragraph says `text` (in two runs, as Word splits them)."""
    half = len(text) // 2
    body = (
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>{escape(text[:half])}</w:t></w:r>'
        f"<w:r><w:t>{escape(text[half:])}</w:t></w:r></w:p></w:body></w:document>"
    )
    return zipped(
        {
            "[Content_Types].xml": CONTENT_TYPES.encode(),
            "word/document.xml": body.encode(),
            "docProps/app.xml": b"<Properties><Pages>7</Pages></Properties>",
        }
    )


def xlsx(text: str = "Integration in cities.") -> bytes:
    """A workbook with one sheet whose cell A1 is the shared string `text` and A2 an inline string."""
    strings = f'<sst xmlns="{S}" count="1" uniqueCount="1"><si><t>{escape(text)}</t></si></sst>'
    sheet = (
        f'<worksheet xmlns="{S}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        f'<row r="2"><c r="A2" t="inlineStr"><is><t>inline cell</t></is></c><c r="B2"><v>42</v></c></row>'
        "</sheetData></worksheet>"
    )
    return zipped(
        {
            "[Content_Types].xml": CONTENT_TYPES.encode(),
            "xl/workbook.xml": f'<workbook xmlns="{S}"/>'.encode(),
            "xl/sharedStrings.xml": strings.encode(),
            "xl/worksheets/sheet1.xml": sheet.encode(),
        }
    )


def pptx(text: str = "Integration in cities.") -> bytes:
    """A presentation whose second slide says `text` (the first says "Welcome")."""

    def slide(words: str) -> bytes:
        return (
            f'<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="{A}">'
            f"<p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{escape(words)}</a:t></a:r></a:p>"
            "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
        ).encode()

    return zipped(
        {
            "[Content_Types].xml": CONTENT_TYPES.encode(),
            "ppt/presentation.xml": b"<p:presentation/>",
            "ppt/slides/slide2.xml": slide(text),
            "ppt/slides/slide1.xml": slide("Welcome"),
            "docProps/app.xml": b"<Properties><Slides>12</Slides></Properties>",
        }
    )


def odt(text: str = "Integration in cities.") -> bytes:
    """An OpenDocument text with a heading and a paragraph saying `text`."""
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        f"<text:h>Heading</text:h><text:p>{escape(text)}</text:p></office:text></office:body>"
        "</office:document-content>"
    )
    return zipped(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": content.encode()},
        stored_first="mimetype",
    )


def epub(text: str = "Integration in cities.") -> bytes:
    """An EPUB book whose chapter says `text` (and has a script and a style, which are not text)."""
    container = (
        '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0"><rootfiles>'
        '<rootfile full-path="OEBPS/book.opf" media-type="application/oebps-package+xml"/></rootfiles></container>'
    )
    opf = (
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><manifest>'
        '<item id="c1" href="chapter1.xhtml" media-type="application/xhtml+xml"/></manifest>'
        '<spine><itemref idref="c1"/></spine></package>'
    )
    chapter = (
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Book</title><style>p {}</style></head>'
        f"<body><p>{escape(text)}&#160;</p><script>var hidden = 1;</script></body></html>"
    )
    entries = {
        "mimetype": b"application/epub+zip",
        "META-INF/container.xml": container.encode(),
        "OEBPS/book.opf": opf.encode(),
        "OEBPS/chapter1.xhtml": chapter.encode(),
    }
    return zipped(entries, stored_first="mimetype")


DOCUMENTS = {"pdf": pdf, "docx": docx, "odt": odt, "pptx": pptx, "xlsx": xlsx, "epub": epub}


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


# The header of an E-Library import CSV file.
HEADER = (
    "slug,title_en,title_fr,summary_en,kind,authors,publisher,year,date,languages,url,file,themes,cities,ideas,tags\n"
)
