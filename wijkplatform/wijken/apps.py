from django.apps import AppConfig


class WijkenConfig(AppConfig):
    name = "wijkplatform.wijken"
    label = "wijken"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Wijk
        from .selectors import wijk_forget

        post_save.connect(wijk_forget, sender=Wijk, dispatch_uid="wijken.forget_live_wijk")
        post_delete.connect(wijk_forget, sender=Wijk, dispatch_uid="wijken.forget_live_wijk_deleted")
