from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "wijkplatform.community"
    label = "community"
