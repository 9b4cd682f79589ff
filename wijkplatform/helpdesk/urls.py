from django.urls import path

from . import views

app_name = "helpdesk"
urlpatterns = [
    path("help/", views.ask, name="ask"),
    path("help/t/<str:token>/", views.ticket, name="ticket"),
    path("desk/help/", views.desk, name="desk"),
    path("desk/help/answers/", views.desk_answers, name="desk_answers"),
    path("desk/help/<int:pk>/", views.desk_ticket, name="desk_ticket"),
    path("desk/health/", views.health, name="health"),
]
