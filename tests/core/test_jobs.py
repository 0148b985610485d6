"""Background jobs (core.jobs) through the real queue: failures keep their error, editors can retry them."""

import pytest
from procrastinate.contrib.django.models import ProcrastinateJob

from core.jobs import job
from core.models import JobFailure


@job(name="tests.always_fails", retry=None)
def always_fails(label: str) -> None:
    raise ValueError(f"the remote server refused {label}")


@pytest.fixture
def failed_job(run_jobs):
    always_fails.defer(label="issue 7")
    assert run_jobs() == [("tests.always_fails", "failed")]
    return ProcrastinateJob.objects.get(task_name="tests.always_fails")


def test_a_failed_job_keeps_its_error(failed_job):
    failure = JobFailure.objects.get(job_id=failed_job.id)

    assert failure.error.strip().endswith("ValueError: the remote server refused issue 7")
    assert failure.task_name == "tests.always_fails"


def test_editors_see_the_error_in_the_jobs_admin_and_retry_the_job(client, editor, failed_job):
    client.force_login(editor)

    page = client.get("/admin/procrastinate/procrastinatejob/").content.decode()
    assert "ValueError: the remote server refused issue 7" in page
    detail = client.get(f"/admin/procrastinate/procrastinatejob/{failed_job.id}/change/").content.decode()
    assert "Traceback" in detail

    client.post("/admin/procrastinate/procrastinatejob/", {"action": "retry", "_selected_action": [failed_job.id]})

    failed_job.refresh_from_db()
    assert failed_job.status == "todo"
