from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "wijkplatform.messaging"
    label = "messaging"

    def ready(self):
        from wijkplatform.core.pagecache import read_ahead

        from .selectors import unread_name

        read_ahead(lambda _wijk_id, person_id: unread_name(person_id))  # on the wijk home
