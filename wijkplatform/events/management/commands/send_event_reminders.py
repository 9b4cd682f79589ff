from django.core.management.base import BaseCommand, CommandError

from wijkplatform.events.services import reminders_send
from wijkplatform.wijken.models import Wijk


class Command(BaseCommand):
    help = (
        "Remind everyone going to an event tomorrow (in each wijk's time zone). Each date is reminded once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wijk", help="only this wijk (its address, for example oude-noorden)")

    def handle(self, *args, wijk=None, **options):
        wijken = Wijk.objects.filter(is_active=True)
        if wijk:
            wijken = wijken.filter(slug=wijk)
            if not wijken.exists():
                raise CommandError(f"There is no live wijk at the address {wijk!r}.")
        total = 0
        for one in wijken:
            sent = reminders_send(wijk=one)
            total += sent
            if sent:
                self.stdout.write(f"{one.slug}: {sent} reminder(s)")
        self.stdout.write(self.style.SUCCESS(f"{total} reminder(s) sent."))
