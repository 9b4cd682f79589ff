from django.urls import path

from . import views

app_name = "platform_insights"
urlpatterns = [
    path("", views.platform_figures, name="figures"),
]
