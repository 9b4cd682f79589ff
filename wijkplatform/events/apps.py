from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "wijkplatform.events"
    label = "events"
