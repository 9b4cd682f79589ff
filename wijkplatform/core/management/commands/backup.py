from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from wijkplatform.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into a new directory, with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="a new (or empty) directory for this backup")
        parser.add_argument("--database", default="default", help="database alias (default: default)")

    def handle(self, *args, output, database, **options):
        try:
            manifest = backup(output, connection=connections[database], log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {output} ({manifest['created_at']})"))
