"""Send a published e-zine issue to the newsletter's confirmed subscribers. Safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from conversations import services
from conversations.models import Issue


class Command(BaseCommand):
    help = (
        "Send e-zine issue NUMBER to confirmed subscribers, each in their language, in batches. "
        "Subscribers who already received it are skipped, so an interrupted run can simply be started again."
    )

    def add_arguments(self, parser):
        parser.add_argument("number", type=int, help="The issue's number.")
        parser.add_argument("--batch-size", type=int, default=100, help="Messages per SMTP connection (default 100).")

    def handle(self, *args, number, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            issue = Issue.objects.get(number=number)
        except Issue.DoesNotExist:
            raise CommandError(f"There is no issue {number}.") from None

        def progress(sent):
            if options["verbosity"] > 1:
                self.stdout.write(f"… {sent} sent")

        try:
            sent = services.issue_send(issue=issue, batch_size=batch_size, progress=progress)
        except services.IssueNotPublished as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Issue {number}: sent to {sent} subscriber(s)."))
