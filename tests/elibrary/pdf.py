"""A tiny PDF writer for the tests (and, once, for the demo files in elibrary/demo/files/): real text in a real PDF.

Each page holds a title and wrapped paragraphs in Helvetica (WinAnsi: Latin accents work), so the
text can be extracted again by pypdf and found by the library's search.
"""

import textwrap

LINE_HEIGHT = 15
LINES_PER_PAGE = 44
WRAP = 88


def _escape(text: str) -> bytes:
    data = text.encode("cp1252", "replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _page_stream(lines: list[tuple[str, int]]) -> bytes:
    parts = [b"BT"]
    y = 790
    for text, size in lines:
        parts.append(b"/F1 %d Tf 1 0 0 1 56 %d Tm (%s) Tj" % (size, y, _escape(text)))
        y -= LINE_HEIGHT + (6 if size > 11 else 0)
    parts.append(b"ET")
    return b"\n".join(parts)


def make_pdf(title: str, paragraphs: list[str], *, author: str = "") -> bytes:
    """The bytes of an A4 PDF with `title` and `paragraphs`, on as many pages as they need."""
    lines: list[tuple[str, int]] = [(title, 16), ("", 11)]
    for paragraph in paragraphs:
        lines += [(line, 11) for line in textwrap.wrap(paragraph, WRAP)] + [("", 11)]
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    # Objects: 1 catalog, 2 pages, 3 font, 4 info, then a page and its content stream per page.
    objects: list[bytes] = []
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    info = b"<< /Title (%s) /Author (%s) /Producer (Cities of Migration) >>"
    objects.append(info % (_escape(title), _escape(author)))
    for i, page in enumerate(pages):
        stream = _page_stream(page)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {6 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
