"""scripts/backup.sh and scripts/restore.sh: a backup restored into a new database and media folder serves the
same pages and files (README "Database replica, backups and workers")."""

import io
import shutil
import subprocess
import time
import urllib.parse
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.deploy.servers import ROOT, Browser, Portal, database_of_the_tests, portal_environment, postgres_bindir
from tests.goodideas.factories import GoodIdeaFactory


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(buffer, "PNG")
    return buffer.getvalue()


PIXEL = png()


def script(name: str, *args: str, env: dict) -> str:
    done = subprocess.run([str(ROOT / "scripts" / name), *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def new_database():
    """The address of a database that does not exist yet; dropped after the test."""
    url = urllib.parse.urlsplit(database_of_the_tests())
    name = f"{url.path.lstrip('/')}_restored_{uuid.uuid4().hex[:8]}"
    yield urllib.parse.urlunsplit(url._replace(path="/" + name))
    import psycopg

    server = urllib.parse.urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restored_into_a_new_database_serves_the_same_pages_and_files(
    transactional_db, django_db_serialized_rollback, settings, tmp_path, new_database
):
    bindir = postgres_bindir()
    if bindir is None or shutil.which("tar") is None:
        pytest.skip("needs pg_dump, pg_restore and psql (apt-get install postgresql-client) and tar")
    settings.MEDIA_ROOT = tmp_path / "media"
    idea = GoodIdeaFactory(title_en="Libraries as welcome centres", image=SimpleUploadedFile("desk.png", PIXEL))
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "secret_key").write_text("the key of this install")
    old = portal_environment(
        DATABASE_URL=database_of_the_tests(), MEDIA_ROOT=str(settings.MEDIA_ROOT), PG_BIN=str(bindir),
        DJANGO_VAR_DIR=str(tmp_path / "var"),
    )  # fmt: skip
    del old["DJANGO_SECRET_KEY"]  # from var/secret_key, as `make run` keeps it

    folder = script("backup.sh", str(tmp_path / "backups"), env=old).strip().splitlines()[-1]
    assert (tmp_path / "var" / "secret_key").read_text() == (ROOT / folder).joinpath("secret_key").read_text()

    restored_media = tmp_path / "restored-media"
    started = time.monotonic()
    script("restore.sh", folder, new_database, str(restored_media), env={**old, "PG_BIN": str(bindir)})
    print(f"\nrestore.sh took {time.monotonic() - started:.2f} s")
    assert restored_media.joinpath(idea.image.name).read_bytes() == PIXEL

    portal = Portal(
        portal_environment(DATABASE_URL=new_database, MEDIA_ROOT=str(restored_media)), tmp_path / "gunicorn.log"
    )
    try:
        visitor = Browser(portal.base)
        status, page = visitor.get(idea.get_absolute_url())
        assert status == 200
        assert "Libraries as welcome centres" in page
        with visitor.opener.open(portal.base + idea.image.url) as response:
            assert response.read() == PIXEL
    finally:
        portal.stop()


def test_restore_never_writes_over_a_database_that_exists(tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "database.dump").write_bytes(b"")
    url = database_of_the_tests()  # exists: the tests use it
    done = subprocess.run(
        [str(ROOT / "scripts" / "restore.sh"), str(tmp_path / "backup"), url, str(tmp_path / "media")],
        capture_output=True, text=True, env={**portal_environment(), "PG_BIN": str(postgres_bindir() or "")},
    )  # fmt: skip
    assert done.returncode == 1
    assert "exists: restore into a new one" in done.stderr
