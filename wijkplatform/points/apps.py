from django.apps import AppConfig


class PointsConfig(AppConfig):
    name = "wijkplatform.points"
    label = "points"
