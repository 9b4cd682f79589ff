from django.apps import AppConfig


class HelpdeskConfig(AppConfig):
    name = "wijkplatform.helpdesk"
    label = "helpdesk"
