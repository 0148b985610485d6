"""Background jobs on the portal's own PostgreSQL (procrastinate; README "Background jobs").

Every app declares its jobs in its own tasks.py with `@job(name=...)`; the periodic ones are all in
portal/tasks.py. A job is a plain function: this module gives it retries with a growing wait, fresh
database connections, and a record of its last error for the admin (core.models.JobFailure).
"""

import functools
import traceback
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

# A failed job is tried again up to 4 more times, waiting longer each time (about 12 s, 18 s, 26 s, 42 s),
# then it stays "failed" in the admin, with its error, until an editor retries it.
RETRY = RetryStrategy(max_attempts=5, wait=10, exponential_wait=2)
ERROR_CHARS = 4000


def job(*, name: str, retry=RETRY, **options):
    """Decorate a function as a job: `func.defer(**kwargs)` queues it; a worker runs it."""

    def decorate(func):
        @functools.wraps(func)
        def run(context, *args, **kwargs):
            close_old_connections()  # the worker's threads live long: never reuse a broken connection
            try:
                return func(*args, **kwargs)
            except Exception as error:
                record_failure(context.job, error)
                raise
            finally:
                connections.close_all()  # this thread's connections: a job holds none between runs

        return app.task(name=name, retry=retry, pass_context=True, **options)(run)

    return decorate


def record_failure(job, error: Exception) -> None:
    from core.models import JobFailure

    text = "".join(traceback.format_exception(error))[-ERROR_CHARS:]
    JobFailure.objects.update_or_create(
        job_id=job.id,
        defaults={"task_name": job.task_name, "attempts": job.attempts + 1, "error": text, "at": timezone.now()},
    )


def worker_problem() -> str | None:
    """None when a worker wrote its heartbeat lately, else what /healthz reports."""
    from procrastinate.contrib.django.models import ProcrastinateWorker

    since = timezone.now() - timedelta(seconds=settings.JOBS_WORKER_SEEN_SECONDS)
    if ProcrastinateWorker.objects.filter(last_heartbeat__gte=since).exists():
        return None
    return f"error: no worker seen in the last {settings.JOBS_WORKER_SEEN_SECONDS} seconds"
