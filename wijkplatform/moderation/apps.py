from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "wijkplatform.moderation"
    label = "moderation"
