from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wijkplatform.wijken.transfer import ArchiveError, wijk_import


class Command(BaseCommand):
    help = "Import a wijk archive made by export_wijk (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--slug", help="the address of the wijk here, if not the one it had")

    def handle(self, archive, slug=None, **options):
        try:
            wijk = wijk_import(archive_bytes=Path(archive).read_bytes(), slug=slug)
        except (ArchiveError, OSError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from None
        self.stdout.write(f"Imported {wijk.name} at /{wijk.slug}/.")
