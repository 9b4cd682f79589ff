from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "wijkplatform.recognition"
    label = "recognition"
