"""Delete newsletter subscriptions never confirmed whose confirmation link has expired."""

from django.core.management.base import BaseCommand

from conversations import services


class Command(BaseCommand):
    help = (
        "Delete newsletter subscriptions that were never confirmed and whose confirmation link has expired "
        f"({services.CONFIRM_MAX_AGE // 86400} days after it was sent). Each sign-up does this too; run it "
        "daily if sign-ups are rare."
    )

    def handle(self, *args, **options):
        deleted = services.subscribers_purge_unconfirmed()
        self.stdout.write(self.style.SUCCESS(f"{deleted} unconfirmed subscription(s) deleted."))
