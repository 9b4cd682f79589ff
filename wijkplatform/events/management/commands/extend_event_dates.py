from django.core.management.base import BaseCommand

from wijkplatform.events.services import occurrences_extend
from wijkplatform.wijken.models import Wijk


class Command(BaseCommand):
    help = "Store the dates of recurring events up to about six months ahead (also a nightly task)."

    def handle(self, *args, **options):
        total = sum(occurrences_extend(wijk=wijk) for wijk in Wijk.objects.filter(is_active=True))
        self.stdout.write(self.style.SUCCESS(f"{total} new date(s) stored."))
