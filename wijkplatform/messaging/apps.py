from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "wijkplatform.messaging"
    label = "messaging"
