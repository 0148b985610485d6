"""Two job workers (`manage.py procrastinate worker`, real processes) on one database: each job runs once,
and a job whose worker is killed in the middle of it is run again, to the end, by the other."""

import contextlib
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection
from procrastinate import exceptions
from procrastinate.contrib.django.models import ProcrastinateJob, ProcrastinateWorker

from portal.tasks import retry_stalled_jobs
from tests.deploy import jobs
from tests.deploy.servers import ROOT, database_of_the_tests, portal_environment, wait_until


@pytest.fixture
def two_workers(run_jobs, tmp_path):
    """Two worker processes on the test database (run_jobs: committed rows, an empty queue), started one after
    the other; stopped (SIGTERM, as systemd or Docker stop them) after the test."""
    env = portal_environment(
        DATABASE_URL=database_of_the_tests(), DJANGO_SETTINGS_MODULE="tests.deploy.worker_settings"
    )
    workers = []
    try:
        for number in (1, 2):
            log = open(tmp_path / f"worker{number}.log", "w")  # noqa: SIM115 (closed below)
            command = [sys.executable, "manage.py", "procrastinate", "worker"]
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
            workers.append((process, log))
            wait_until(lambda n=number: ProcrastinateWorker.objects.count() == n, what=f"worker {number} to start")
        yield [process for process, _log in workers]
    finally:
        for process, log in workers:
            if process.poll() is None:
                process.terminate()
            process.wait(timeout=30)
            log.close()


def test_each_job_runs_exactly_once_and_both_workers_share_them(two_workers, tmp_path):
    runs = tmp_path / "runs.txt"
    for number in range(40):
        jobs.record_run.defer(path=str(runs), number=number)

    wait_until(
        lambda: (
            not ProcrastinateJob.objects.filter(task_name="tests.record_run", status__in=["todo", "doing"]).exists()
        ),
        what="the jobs to run",
    )

    lines = [line.split() for line in runs.read_text().splitlines()]
    assert sorted(int(number) for number, _pid in lines) == list(range(40))  # each once, none twice
    assert {int(pid) for _number, pid in lines} == {worker.pid for worker in two_workers}  # both took some
    statuses = ProcrastinateJob.objects.filter(task_name="tests.record_run").values_list("status", flat=True)
    assert set(statuses) == {"succeeded"}


def test_a_job_whose_worker_is_killed_is_finished_by_the_other(two_workers, tmp_path):
    log = tmp_path / "wait.txt"
    job_id = jobs.wait_for_go.defer(path=str(log))
    wait_until(lambda: log.exists() and log.read_text().startswith("started"), what="a worker to start the job")
    (first_pid,) = [int(line.split()[1]) for line in log.read_text().splitlines()]
    killed = next(worker for worker in two_workers if worker.pid == first_pid)
    survivor = next(worker for worker in two_workers if worker.pid != first_pid)
    killed.send_signal(signal.SIGKILL)  # no chance to finish the job, nor to say goodbye
    killed.wait()
    assert ProcrastinateJob.objects.get(pk=job_id).status == "doing"  # left stalled

    # A minute without its heartbeat (what portal.retry_stalled_jobs looks for), then that job, which
    # the workers queue every minute by themselves: here now, not at the next minute.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE procrastinate_workers SET last_heartbeat = NOW() - INTERVAL '5 minutes' "
            "WHERE id = (SELECT worker_id FROM procrastinate_jobs WHERE id = %s)",
            [job_id],
        )
    (tmp_path / "wait.txt.go").touch()
    with contextlib.suppress(exceptions.AlreadyEnqueued):  # the workers queued it already: it will run
        retry_stalled_jobs.defer(timestamp=int(time.time()))

    wait_until(lambda: ProcrastinateJob.objects.get(pk=job_id).status == "succeeded", what="the job to be run again")
    assert log.read_text().splitlines() == [f"started {first_pid}", f"started {survivor.pid}", f"done {survivor.pid}"]
    assert survivor.poll() is None  # still serving
