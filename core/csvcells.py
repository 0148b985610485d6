"""Every CSV file the portal writes: cells that a spreadsheet shows as text, never runs as a formula.

Spreadsheet programs (Excel, LibreOffice Calc, Google Sheets) read a cell that starts with `=`, `+`,
`-` or `@` (or a tab, a carriage return, or the full-width ＝ ＋ － ＠) as a formula, so a title or a
member's name such as `=HYPERLINK("https://evil.example", "Click")` would run when an editor opens
the export ("CSV injection"). Each such cell gets a `'` in front, the mark spreadsheets read as
"this is text". A cell that already starts with quotes before such a character gets one more, so
that `read_cell()` gives back exactly what was written: the E-Library imports its own exports.

Only CSV is changed: open data in JSON stays exact.
"""

import csv
import io
import re

from django.http import StreamingHttpResponse

# Quotes, then a character that starts a formula: the cells that get one more quote in front.
_FORMULA_START = re.compile(r"'*[=+\-@\t\r＝＋－＠]")


def safe_cell(value) -> str:
    """`value` as a cell that no spreadsheet runs as a formula; None is an empty cell."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if _FORMULA_START.match(text) else text


def read_cell(text: str) -> str:
    """The value that safe_cell() wrote as `text` (a cell read back from one of our files)."""
    if text.startswith("'") and _FORMULA_START.match(text, 1):
        return text[1:]
    return text


def read_csv(text: str) -> tuple[list[dict[str, str]], list[str]]:
    """The rows and the columns of a CSV text with a header line: the read side of csv_response().

    Comma, semicolon or tab separated; a byte order mark is dropped. Each row maps its lower-case
    column to its cell as it was before safe_cell() (read_cell), trimmed; cells beyond the header's
    columns are left out.
    """
    text = text.lstrip("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    rows = [
        {key.strip().lower(): read_cell(value or "").strip() for key, value in row.items() if key is not None}
        for row in reader
    ]
    return rows, [name.strip().lower() for name in reader.fieldnames or []]


class SafeWriter:
    """csv.writer whose every cell goes through safe_cell(); writerow returns what the file's write returned."""

    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])


class _Echo:
    """A file whose write() returns what it is given: each row becomes a piece of the response."""

    def write(self, value):
        return value


def csv_response(rows, filename: str) -> StreamingHttpResponse:
    """A UTF-8 CSV download of `rows` (the header first), streamed row by row, every cell safe.

    The byte order mark tells spreadsheet programs that the file is UTF-8.
    """
    writer = SafeWriter(_Echo())

    def lines():
        yield "\ufeff"
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
