from django.core.management.base import BaseCommand

from wijkplatform.core.sharding import citus_statements


class Command(BaseCommand):
    help = "Print the SQL that shards this schema by wijk on Citus (docs/scale-out.md). Changes nothing."

    def handle(self, *args, **options):
        for line in citus_statements():
            self.stdout.write(line)
