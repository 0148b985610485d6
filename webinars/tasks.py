"""Background jobs of the webinars (the schedule is in portal/tasks.py)."""

import logging

from core.jobs import job
from webinars import reminders

logger = logging.getLogger(__name__)


@job(name="webinars.send_reminders")
def send_reminders(timestamp: int) -> dict:
    """E-mail the reminders due now, a day and an hour before each webinar (webinars.reminders)."""
    counts = reminders.reminders_send()
    logger.info("Webinar reminders: %(day)s a day before, %(hour)s an hour before, %(failed)s failed.", counts)
    return counts
