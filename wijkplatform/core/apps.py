from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wijkplatform.core"
    label = "core"

    def ready(self):
        from . import pagecache

        pagecache.connect()
