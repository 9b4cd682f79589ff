from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "wijkplatform.notifications"
    label = "notifications"
