from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "wijkplatform.newsroom"
    label = "newsroom"
