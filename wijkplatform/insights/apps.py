from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "wijkplatform.insights"
    label = "insights"
