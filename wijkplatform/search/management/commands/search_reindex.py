from django.core.management.base import BaseCommand, CommandError

from wijkplatform.search.services import reindex_vectors
from wijkplatform.wijken.models import Wijk


class Command(BaseCommand):
    help = (
        "Rebuild the full-text index from the stored search documents (after a wijk changes its language, "
        "or after moving between SQLite and PostgreSQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wijk", help="The address (slug) of one wijk; all wijken when left out.")

    def handle(self, *args, wijk=None, **options):
        wijken = Wijk.objects.all()
        if wijk:
            wijken = wijken.filter(slug=wijk)
            if not wijken.exists():
                raise CommandError(f"There is no wijk at {wijk!r}.")
        for each in wijken.order_by("slug"):
            self.stdout.write(f"{each.slug}: {reindex_vectors(wijk=each)} document(s)")
