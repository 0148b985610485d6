"""The newsletter's background jobs (core.jobs)."""

from conversations import services
from core.jobs import job


@job(name="conversations.send_issue")
def send_issue(send_id: int) -> None:
    """Send an issue to the subscribers (an IssueSend), resuming without duplicates if run again."""
    services.issue_send_run(send_id)
