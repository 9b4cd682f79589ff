from django.apps import AppConfig


class WijkenConfig(AppConfig):
    name = "wijkplatform.wijken"
    label = "wijken"
