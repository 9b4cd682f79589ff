from django.apps import AppConfig


class AcademyConfig(AppConfig):
    name = "wijkplatform.academy"
    label = "academy"
