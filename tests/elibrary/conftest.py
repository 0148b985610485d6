import pytest

from tests.elibrary.files import HEADER
from tests.elibrary.pdf import make_pdf
from tests.goodideas.factories import GoodIdeaFactory
from tests.places.factories import CityFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


# From test_import.py
@pytest.fixture
def csv_file(tmp_path):
    CityFactory(slug="toronto", name_en="Toronto")
    GoodIdeaFactory(slug="mentoring")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.pdf").write_bytes(make_pdf("Guide", ["Credential recognition takes years."]))
    (tmp_path / "docs" / "fake.pdf").write_bytes(b"not a pdf")
    rows = [
        'mentor-guide,Mentor guide,Guide du mentorat,How to mentor.,practice-guide,"Wong, Karen",TRIEC,2019,'
        "2019-05-01,en;fr,,docs/guide.pdf,work;learn,toronto,mentoring,mentoring;jobs",
        ",Welcoming cities,,A standard.,toolkit,,Welcoming America,2020,,en,https://example.org/standard,,plan,,,",
        "no-title,,,,,,,2020,,,https://example.org/x,,,,,",
        "bad-kind,Bad kind,,,novel,,,2020,,,https://example.org/y,,,,,",
        "bad-year,Bad year,,,article,,,soon,,,https://example.org/z,,,,,",
        "both,Both,,,article,,,2020,,,https://example.org/b,docs/guide.pdf,,,,",
        "neither,Neither,,,article,,,2020,,,,,,,,",
        "fake-file,Fake file,,,article,,,2020,,,,docs/fake.pdf,,,,",
        "escape,Escape,,,article,,,2020,,,,../../etc/passwd,,,,",
        "unknown-city,Unknown city,,,article,,,2020,,,https://example.org/c,,,atlantis,,",
        "bad-language,Bad language,,,article,,,2020,,klingon,https://example.org/l,,,,,",
    ]
    path = tmp_path / "library.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path
