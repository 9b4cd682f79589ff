from django.core.management.base import BaseCommand

from wijkplatform.notifications.services import outbox_retry_failed, outbox_send_pending


class Command(BaseCommand):
    help = "Send the emails waiting in the outbox (also run every minute by celery beat)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="At most this many emails in one run.")
        parser.add_argument("--now", action="store_true", help="Also send messages waiting for a retry.")
        parser.add_argument("--retry-failed", action="store_true", help="Put failed messages back first.")

    def handle(self, *args, limit, now, retry_failed, **options):
        if retry_failed:
            self.stdout.write(f"{outbox_retry_failed()} failed message(s) back in the queue")
        counts = outbox_send_pending(limit=limit, ignore_schedule=now)
        self.stdout.write(f"sent {counts['sent']}, deferred {counts['deferred']}, failed {counts['failed']}")
