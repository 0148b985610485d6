"""The text of an uploaded document, for search: PDF, DOCX, ODT, PPTX, XLSX and EPUB (core.uploads.DOCUMENTS).

`extract(data, extension)` runs the reading in a child process (`python -m core.extract`) with a time
limit and a memory limit, so a document made to be slow or huge (a zip bomb, a PDF of a million
pages) costs at most that and never the worker: what it finds is `Extracted`, or `ExtractionFailed`
says why not. `read_text` is the reading itself, in this process (the child's, and the tests').

The zip-based formats are ZIP packages of XML: they are read with the standard library (zipfile and
xml.etree's pull parser, html.parser for EPUB's XHTML) instead of python-docx, openpyxl, odfpy and
ebooklib: four dependencies, each of which loads a whole document into memory, for what is here a
few dozen lines that stream each part and stop at the limits. The parser is expat 2.4 or later
(Python 3.11's), which refuses entity expansion bombs; ElementTree never fetches external entities.
PDF is read by pypdf, as before.

Limits, per document: MAX_SECONDS of run time, MAX_MEMORY_BYTES of memory, MAX_PDF_PAGES pages of a
PDF, MAX_UNCOMPRESSED_BYTES read from a package's parts (counted while reading, not trusted from the
package's own directory), and MAX_CHARACTERS of text kept.
"""

import io
import json
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

MAX_SECONDS = 60
MAX_FILE_BYTES = 100 * 1024 * 1024  # twice the upload limit (ELIBRARY_MAX_UPLOAD_MB's default)
MAX_MEMORY_BYTES = 1024 * 1024 * 1024
MAX_PDF_PAGES = 300
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
# Enough to find a document by what it says, and well inside PostgreSQL's 1 MB limit on a tsvector.
MAX_CHARACTERS = 200_000
CHUNK = 64 * 1024
ROOT = Path(__file__).resolve().parent.parent

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
OPF = "{http://www.idpf.org/2007/opf}"


@dataclass
class Extracted:
    text: str
    pages: int | None = None  # a PDF's pages
    cut: bool = False  # the text was longer than MAX_CHARACTERS (or the PDF than MAX_PDF_PAGES)


class ExtractionFailed(Exception):
    """Why a document's text could not be read, in words an editor can act on."""


class _Text:
    """Pieces of text gathered up to MAX_CHARACTERS."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.cut = False

    @property
    def full(self) -> bool:
        return self.length >= MAX_CHARACTERS

    def add(self, text: str) -> None:
        text = " ".join(text.replace("\x00", " ").split())
        if not text or self.full:
            self.cut = self.cut or bool(text)
            return
        self.parts.append(text)
        self.length += len(text) + 1

    def result(self, **kwargs) -> Extracted:
        text = " ".join(self.parts)
        cut = self.cut or len(text) > MAX_CHARACTERS
        return Extracted(text=text[:MAX_CHARACTERS], cut=cut, **kwargs)


class _Package:
    """A ZIP package whose parts are read in chunks, counting every byte against MAX_UNCOMPRESSED_BYTES."""

    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as error:
            raise ExtractionFailed(f"the file is not a readable ZIP package ({error})") from None
        self.names = set(self.zip.namelist())
        self.read_bytes = 0

    def chunks(self, name: str):
        try:
            with self.zip.open(name) as part:
                while chunk := part.read(CHUNK):
                    self.read_bytes += len(chunk)
                    if self.read_bytes > MAX_UNCOMPRESSED_BYTES:
                        raise ExtractionFailed(
                            f"the document unpacks to more than {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB"
                        )
                    yield chunk
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as error:
            raise ExtractionFailed(f"the part {name} is damaged ({error})") from None

    def read(self, name: str) -> bytes:
        return b"".join(self.chunks(name))

    def xml_text(self, name: str, tags: set[str], text: _Text) -> None:
        """The text of each element named in `tags` (a paragraph, a shared string…) of the XML part `name`."""
        parser = ElementTree.XMLPullParser(events=("end",))
        try:
            for chunk in self.chunks(name):
                parser.feed(chunk)
                for _event, element in parser.read_events():
                    if element.tag in tags:
                        text.add("".join(element.itertext()))
                        element.clear()
                if text.full:
                    text.cut = True
                    return
            parser.close()
        except ElementTree.ParseError as error:
            raise ExtractionFailed(f"the part {name} is not well-formed XML ({error})") from None


def _numbered(names, pattern: str) -> list[str]:
    found = [(int(match.group(1)), name) for name in names if (match := re.fullmatch(pattern, name))]
    return [name for _number, name in sorted(found)]


def _docx(package: _Package, text: _Text) -> None:
    for name in ["word/document.xml", "word/footnotes.xml", "word/endnotes.xml"]:
        if name in package.names:
            package.xml_text(name, {f"{W}p"}, text)


def _pptx(package: _Package, text: _Text) -> None:
    slides = _numbered(package.names, r"ppt/slides/slide(\d+)\.xml")
    notes = _numbered(package.names, r"ppt/notesSlides/notesSlide(\d+)\.xml")
    for name in slides + notes:
        package.xml_text(name, {f"{A}p"}, text)


def _xlsx(package: _Package, text: _Text) -> None:
    """The cells' words (shared strings and inline strings); numbers are not what people search for."""
    if "xl/sharedStrings.xml" in package.names:
        package.xml_text("xl/sharedStrings.xml", {f"{S}si"}, text)
    for name in _numbered(package.names, r"xl/worksheets/sheet(\d+)\.xml"):
        package.xml_text(name, {f"{S}is"}, text)


def _odt(package: _Package, text: _Text) -> None:
    if "content.xml" not in package.names:
        raise ExtractionFailed("the document has no content.xml")
    package.xml_text("content.xml", {f"{TEXT}p", f"{TEXT}h"}, text)


class _HTMLText(HTMLParser):
    """The words of an XHTML chapter, without its scripts and styles."""

    SKIP = {"script", "style", "head"}

    def __init__(self, text: _Text):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in self.SKIP

    def handle_endtag(self, tag):
        self.skipping -= tag in self.SKIP and self.skipping > 0

    def handle_data(self, data):
        if not self.skipping:
            self.text.add(data)


def _epub_chapters(package: _Package) -> list[str]:
    """The chapters in reading order (the package's spine), or every XHTML part when there is no spine."""
    chapters = sorted(name for name in package.names if name.lower().endswith((".xhtml", ".html", ".htm")))
    if "META-INF/container.xml" not in package.names:
        return chapters
    try:
        container = ElementTree.fromstring(package.read("META-INF/container.xml"))
        rootfile = container.find(f".//{CONTAINER}rootfile")
        opf_name = rootfile.get("full-path", "") if rootfile is not None else ""
        if opf_name not in package.names:
            return chapters
        opf = ElementTree.fromstring(package.read(opf_name))
    except ElementTree.ParseError:
        return chapters
    base = PurePosixPath(opf_name).parent
    items = {item.get("id"): item.get("href", "") for item in opf.iter(f"{OPF}item")}
    spine = [items.get(ref.get("idref"), "") for ref in opf.iter(f"{OPF}itemref")]
    ordered = [str(base / href) if str(base) != "." else href for href in spine if href]
    return [name for name in ordered if name in package.names] or chapters


def _epub(package: _Package, text: _Text) -> None:
    for name in _epub_chapters(package):
        parser = _HTMLText(text)
        for chunk in package.chunks(name):
            parser.feed(chunk.decode("utf-8", "replace"))
            if text.full:
                text.cut = True
                return
        parser.close()


PACKAGES = {"docx": _docx, "pptx": _pptx, "xlsx": _xlsx, "odt": _odt, "epub": _epub}


def _pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    text = _Text()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionFailed("the PDF is protected by a password")
        pages = len(reader.pages)
        for page in reader.pages[:MAX_PDF_PAGES]:
            text.add(page.extract_text() or "")
            if text.full:
                text.cut = True
                break
    except ExtractionFailed:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise ExtractionFailed(f"the PDF is damaged ({type(error).__name__}: {error})") from None
    text.cut = text.cut or pages > MAX_PDF_PAGES
    return text.result(pages=pages)


def read_text(data: bytes, extension: str) -> Extracted:
    """The text of a document of format `extension`, read in this process; ExtractionFailed says why not."""
    if extension == "pdf":
        return _pdf(data)
    if extension not in PACKAGES:
        raise ExtractionFailed(f"no text is read from “{extension}” files")
    package = _Package(data)
    text = _Text()
    PACKAGES[extension](package, text)
    return text.result()


def _limit_self() -> None:
    """Hold this process (the child) to MAX_MEMORY_BYTES and MAX_SECONDS of processor time."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MAX_MEMORY_BYTES, MAX_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (MAX_SECONDS, MAX_SECONDS + 5))


def extract(data: bytes, extension: str, *, seconds: float = MAX_SECONDS) -> Extracted:
    """The text of a document, read in a child process held to `seconds` and MAX_MEMORY_BYTES."""
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "core.extract", extension],
            input=data,
            capture_output=True,
            timeout=seconds,
            cwd=ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ExtractionFailed(f"reading the text took longer than {seconds:g} seconds") from None
    if finished.returncode != 0:
        lines = finished.stderr.decode("utf-8", "replace").strip().splitlines()
        if finished.returncode < 0 or not lines:
            raise ExtractionFailed(f"reading the text stopped (exit status {finished.returncode}, out of memory?)")
        raise ExtractionFailed(lines[-1][:500])
    answer = json.loads(finished.stdout)
    return Extracted(text=answer["text"], pages=answer["pages"], cut=answer["cut"])


def main() -> int:
    """Read a document from standard input; print its text as JSON, or why not on standard error."""
    _limit_self()
    data = sys.stdin.buffer.read()
    try:
        found = read_text(data, sys.argv[1])
    except ExtractionFailed as error:
        print(error, file=sys.stderr)
        return 2
    except MemoryError:
        print("the document needs more memory than allowed to read", file=sys.stderr)
        return 3
    json.dump({"text": found.text, "pages": found.pages, "cut": found.cut}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
