from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "wijkplatform.search"
    label = "search"
