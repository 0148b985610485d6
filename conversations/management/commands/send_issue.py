"""Send a published e-zine issue to the newsletter's confirmed subscribers. Safe to run again."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from conversations import services
from conversations.models import Issue
from core import mail


class Command(BaseCommand):
    help = (
        "Send e-zine issue NUMBER to confirmed subscribers, each in their language, in batches. "
        "Subscribers who already received it are skipped, so an interrupted run can simply be started again."
    )

    def add_arguments(self, parser):
        parser.add_argument("number", type=int, help="The issue's number.")
        parser.add_argument("--batch-size", type=int, default=100, help="Messages per SMTP connection (default 100).")
        parser.add_argument(
            "--site-url",
            default="",
            help="The portal's public address for the links in the e-mails, e.g. https://citiesofmigration.org "
            "(default: DJANGO_SITE_URL).",
        )

    def handle(self, *args, number, batch_size, site_url, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        site_url = (site_url or settings.SITE_URL).rstrip("/")
        if not site_url:
            raise CommandError(
                "The e-mails' links need the portal's public address: set DJANGO_SITE_URL or give "
                "--site-url https://… (nothing was sent)."
            )
        parts = urlsplit(site_url)
        if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path:
            raise CommandError(
                f"--site-url must be an address such as https://citiesofmigration.org, not {site_url!r}."
            )
        try:
            issue = Issue.objects.get(number=number)
        except Issue.DoesNotExist:
            raise CommandError(f"There is no issue {number}.") from None

        def progress(sent):
            if options["verbosity"] > 1:
                self.stdout.write(f"… {sent} sent")

        try:
            with mail.links_to(site_url):
                sent = services.issue_send(issue=issue, batch_size=batch_size, progress=progress)
        except services.IssueNotPublished as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Issue {number}: sent to {sent} subscriber(s)."))
