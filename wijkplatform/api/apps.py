from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "wijkplatform.api"
    label = "api"
