from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "wijkplatform.notifications"
    label = "notifications"

    def ready(self):
        from wijkplatform.core.pagecache import read_ahead

        from .selectors import unread_name

        read_ahead(unread_name)  # the bell, on every page of a member
