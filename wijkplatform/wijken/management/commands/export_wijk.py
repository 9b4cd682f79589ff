from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wijkplatform.wijken.models import Wijk
from wijkplatform.wijken.transfer import wijk_export


class Command(BaseCommand):
    help = "Export a whole wijk as one archive that another installation can import."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("output", help="path of the .wijk.zip to write")

    def handle(self, slug, output, **options):
        wijk = Wijk.objects.filter(slug=slug).first()
        if wijk is None:
            raise CommandError(f"There is no wijk {slug!r}.")
        data = wijk_export(wijk=wijk)
        Path(output).write_bytes(data)
        self.stdout.write(f"Wrote {output} ({len(data) // 1024} KB).")
