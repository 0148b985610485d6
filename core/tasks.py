"""Background jobs of core (the schedule is in portal/tasks.py)."""

import logging

from core import alerts
from core.jobs import job

logger = logging.getLogger(__name__)


@job(name="core.send_alert_digests")
def send_alert_digests(timestamp: int) -> int:
    """E-mail each alert's digest that is due: what was published since its last one (core.alerts)."""
    sent = alerts.digests_send()
    logger.info("Alert digests: %s sent.", sent)
    return sent
