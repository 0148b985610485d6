"""The one helper behind every CSV file the portal writes (core/csvcells.py)."""

import csv
import io
import re
from pathlib import Path

import pytest

from core.csvcells import SafeWriter, read_cell, read_csv, safe_cell

FORMULAS = ["=1+1", "+1 416 555 0100", "-2", "@SUM(A1:A2)", "\tx", "\rx", "＝1+1", "＋1", "－1", "＠A1"]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_cell_that_would_start_a_formula_is_marked_as_text(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Toronto", "2024-05-01", "'quoted", "a=b", " =1", "", 2024])
def test_other_cells_are_written_as_they_are(value):
    assert safe_cell(value) == str(value)


@pytest.mark.parametrize("value", [*FORMULAS, "'=1+1", "''-x", "'quoted", "plain", ""])
def test_reading_a_written_cell_gives_the_value_back(value):
    assert read_cell(safe_cell(value)) == value


def test_writer_marks_every_cell_of_a_row():
    out = io.StringIO()
    SafeWriter(out).writerow(["=cmd|' /C calc'!A0", None, 3, "ok"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'=cmd|' /C calc'!A0", "", "3", "ok"]


def test_every_csv_file_is_written_through_the_helper():
    """No code writes CSV with the csv module directly: each export goes through csvcells."""
    root = Path(__file__).resolve().parents[2]
    writers = re.compile(r"csv\.(writer|DictWriter)\(")
    packages = [folder for folder in root.iterdir() if (folder / "__init__.py").exists() and folder.name != "tests"]
    direct = [
        str(path.relative_to(root))
        for package in packages
        for path in package.rglob("*.py")
        if path.name != "csvcells.py" and writers.search(path.read_text())
    ]
    assert direct == []


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_read_csv_gives_back_what_the_writer_wrote(delimiter):
    out = io.StringIO()
    writer = SafeWriter(out, delimiter=delimiter)
    writer.writerow(["Slug", " Title_EN "])
    writer.writerow(["a", "=HYPERLINK(1)"])
    writer.writerow(["b", "  -5 %  "])
    rows, columns = read_csv("\ufeff" + out.getvalue())
    assert columns == ["slug", "title_en"]
    assert rows == [{"slug": "a", "title_en": "=HYPERLINK(1)"}, {"slug": "b", "title_en": "-5 %"}]


def test_read_csv_leaves_out_cells_beyond_the_header_and_fills_missing_ones():
    rows, columns = read_csv("slug,title\nx,X,extra,more\ny\n")
    assert columns == ["slug", "title"]
    assert rows == [{"slug": "x", "title": "X"}, {"slug": "y", "title": ""}]
