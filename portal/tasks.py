"""Every periodic job of the portal, in one place (README "Background jobs" lists them with their times).

The times are cron expressions in UTC. Each job is safe to run twice; the worker defers each one once
per time, however many workers run (procrastinate's periodic defers are unique per time).
"""

import logging

from procrastinate.contrib.django import app

from conversations import services as conversations
from core import alerts, linkcheck, vocabulary
from core import tasks as core_tasks
from core.jobs import job
from webinars import tasks as webinars_tasks

logger = logging.getLogger(__name__)

SCHEDULE = {
    "portal.retry_stalled_jobs": "* * * * *",  # every minute
    "portal.purge_subscriptions": "17 3 * * *",  # daily, 03:17
    "portal.refresh_search_terms": "47 2 * * *",  # daily, 02:47
    "portal.check_links": "23 4 * * 1",  # weekly, Monday 04:23
    "webinars.send_reminders": "*/5 * * * *",  # every 5 minutes: a day and an hour before each webinar
    "core.send_alert_digests": "37 * * * *",  # hourly: each alert daily or weekly, as its subscriber chose
}

app.periodic(cron=SCHEDULE["webinars.send_reminders"])(webinars_tasks.send_reminders)
app.periodic(cron=SCHEDULE["core.send_alert_digests"])(core_tasks.send_alert_digests)


@app.periodic(cron=SCHEDULE["portal.retry_stalled_jobs"])
@app.task(name="portal.retry_stalled_jobs", queueing_lock="retry_stalled_jobs", pass_context=True)
async def retry_stalled_jobs(context, timestamp: int) -> None:
    """Queue again the jobs of a worker that stopped sending its heartbeat (killed, or its machine lost).

    Their work committed so far stays; every job is written to start again from where it stopped.
    """
    manager = context.app.job_manager
    for stalled in await manager.get_stalled_jobs(seconds_since_heartbeat=60):
        logger.warning("Retrying job %s (%s): its worker stopped.", stalled.id, stalled.task_name)
        await manager.retry_job(stalled)


@app.periodic(cron=SCHEDULE["portal.purge_subscriptions"])
@job(name="portal.purge_subscriptions")
def purge_subscriptions(timestamp: int) -> None:
    """Delete the newsletter subscriptions and alerts never confirmed whose confirmation link has expired."""
    deleted = conversations.subscribers_purge_unconfirmed()
    logger.info("%s unconfirmed subscriptions deleted.", deleted)
    logger.info("%s unconfirmed alerts deleted.", alerts.purge_unconfirmed())


@app.periodic(cron=SCHEDULE["portal.refresh_search_terms"])
@job(name="portal.refresh_search_terms")
def refresh_search_terms(timestamp: int) -> None:
    """Rebuild the words "did you mean" suggests from the public content."""
    vocabulary.refresh_terms()


@app.periodic(cron=SCHEDULE["portal.check_links"])
@job(name="portal.check_links")
def check_links(timestamp: int) -> dict:
    """Visit every external address the content links to, politely, and record what each answered."""
    counts = linkcheck.check_all()
    logger.info("Link check: %(checked)s addresses, %(broken)s broken.", counts)
    return counts
