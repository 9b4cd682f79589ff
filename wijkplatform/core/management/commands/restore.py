from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from wijkplatform.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup into an empty installation, then check every row and file."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the backup directory")
        parser.add_argument("--database", default="default", help="database alias (default: default)")

    def handle(self, *args, source, database, **options):
        try:
            problems = restore(source, connection=connections[database], log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if problems:
            raise CommandError("The restore is incomplete:\n" + "\n".join(problems))
        self.stdout.write(
            self.style.SUCCESS("Restored: every table's row count and every file's checksum match.")
        )
