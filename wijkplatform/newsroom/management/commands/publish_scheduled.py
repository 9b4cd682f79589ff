from django.core.management.base import BaseCommand

from wijkplatform.newsroom.services import stories_publish_due


class Command(BaseCommand):
    help = "Publish every scheduled story whose moment has come (celery beat runs this every minute too)."

    def handle(self, *args, **options):
        count = stories_publish_due()
        self.stdout.write(f"Published {count} scheduled stories.")
