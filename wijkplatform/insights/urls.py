from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("figures/", views.figures, name="figures"),
    path("figures/figures.csv", views.figures_csv, name="figures_csv"),
    path("figures/<slug:code>.svg", views.chart, name="chart"),
]
