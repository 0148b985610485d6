"""The admin's CSV import runs as a background job, in batches that each commit (elibrary.importer.run_import)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection
from procrastinate.contrib.django.models import ProcrastinateJob

from elibrary import tasks
from elibrary.models import ImportRun, Resource
from portal.tasks import retry_stalled_jobs
from tests.elibrary.files import HEADER

ROOT = Path(__file__).resolve().parents[2]


def library_csv(rows: int, *, bad_every: int = 0) -> str:
    lines = [
        f",Resource {n},,About {n}.,{'novel' if bad_every and n % bad_every == 0 else 'article'},,,2020,,en,"
        f"https://example.org/r/{n},,,,,"
        for n in range(1, rows + 1)
    ]
    return HEADER + "\n".join(lines) + "\n"


def queue(text: str) -> ImportRun:
    run = ImportRun.objects.create(file_name="library.csv", csv_text=text)
    tasks.queue_import(run)
    return run


def test_a_queued_import_runs_in_batches_and_counts_each_row(run_jobs, monkeypatch):
    monkeypatch.setattr("elibrary.importer.BATCH_ROWS", 7)
    run = queue(library_csv(30, bad_every=10))

    assert run_jobs() == [("elibrary.import_csv", "succeeded")]

    run.refresh_from_db()
    assert (run.status, run.rows_done, run.total_rows) == ("done", 30, 30)
    assert (run.created, run.updated, run.skipped_count) == (27, 0, 3)
    assert [line for line, _reason in run.skipped] == [11, 21, 31]
    assert run.skipped[0][1].startswith("unknown kind “novel”")
    assert Resource.objects.count() == 27


def test_the_same_file_again_updates_what_the_first_created(run_jobs):
    queue(library_csv(12))
    run_jobs()
    second = queue(library_csv(12))
    run_jobs()

    second.refresh_from_db()
    assert (second.created, second.updated) == (0, 12)
    assert Resource.objects.count() == 12


def test_the_import_page_shows_progress_and_reloads_while_running(admin_client, django_assert_max_num_queries):
    run = ImportRun.objects.create(file_name="big.csv", csv_text="x", total_rows=2000, rows_done=500, created=490)
    with django_assert_max_num_queries(12):
        page = admin_client.get(f"/admin/elibrary/importrun/{run.pk}/change/").content.decode()
    assert "500 of 2000" in page
    assert '<meta http-equiv="refresh" content="5">' in page
    ImportRun.objects.filter(pk=run.pk).update(status="done", rows_done=2000)
    page = admin_client.get(f"/admin/elibrary/importrun/{run.pk}/change/").content.decode()
    assert "2000 of 2000" in page
    assert "http-equiv" not in page


def test_the_skipped_report_is_for_editors_only(client, run_jobs):
    run = queue(library_csv(3, bad_every=2))
    run_jobs()

    response = client.get(f"/admin/elibrary/importrun/{run.pk}/skipped.csv")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_skipped_report_of_a_missing_run_is_404(admin_client):
    assert admin_client.get("/admin/elibrary/importrun/999999/skipped.csv").status_code == 404


def worker_environment() -> dict:
    """The environment of a worker process that uses this test's database."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    test_url = urlunsplit(parts._replace(path="/" + settings.DATABASES["default"]["NAME"]))
    return {**os.environ, "DATABASE_URL": test_url}


def wait_for(condition, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("timed out")
        time.sleep(0.2)


@pytest.mark.skipif("DATABASE_URL" not in os.environ, reason="the worker process needs the test database's address")
def test_a_worker_killed_mid_import_leaves_nothing_twice(run_jobs):
    rows = 1200  # three batches of 500
    run = queue(library_csv(rows))
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "procrastinate", "worker"],
        cwd=ROOT,
        env=worker_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: ImportRun.objects.get(pk=run.pk).rows_done >= 500)
    finally:
        worker.send_signal(signal.SIGKILL)  # no chance to finish the batch it is in, nor to say goodbye
        worker.wait()
    killed_at = ImportRun.objects.get(pk=run.pk)
    assert killed_at.rows_done < rows
    assert Resource.objects.count() == killed_at.rows_done  # the unfinished batch left no resource behind
    with connection.cursor() as cursor:  # the dead worker's heartbeat grows old
        cursor.execute("UPDATE procrastinate_workers SET last_heartbeat = NOW() - INTERVAL '5 minutes'")

    if not ProcrastinateJob.objects.filter(task_name="portal.retry_stalled_jobs", status="todo").exists():
        retry_stalled_jobs.defer(timestamp=int(time.time()))  # what a worker queues every minute by itself
    run_jobs()  # retry_stalled_jobs queues the import again; this worker finishes it

    run.refresh_from_db()
    assert (run.status, run.rows_done, run.created, run.updated) == ("done", rows, rows, 0)
    assert Resource.objects.count() == rows
    assert Resource.objects.values("external_url").distinct().count() == rows
