from django.apps import AppConfig


class PollsConfig(AppConfig):
    name = "wijkplatform.polls"
    label = "polls"
