from django.core.management.base import BaseCommand

from wijkplatform.notifications.digests import digests_send
from wijkplatform.notifications.services import outbox_send_pending


class Command(BaseCommand):
    help = "Put this period's digests in the outbox (never the same digest twice), then send the outbox."

    def add_arguments(self, parser):
        parser.add_argument("--period", choices=["daily", "weekly"], required=True)
        parser.add_argument("--no-send", action="store_true", help="Only fill the outbox.")

    def handle(self, *args, period, no_send, **options):
        count = digests_send(period=period)
        self.stdout.write(f"{count} {period} digest(s) in the outbox")
        if not no_send:
            counts = outbox_send_pending()
            self.stdout.write(
                f"sent {counts['sent']}, deferred {counts['deferred']}, failed {counts['failed']}"
            )
