from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "wijkplatform.partners"
    label = "partners"
