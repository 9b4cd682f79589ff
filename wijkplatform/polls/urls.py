from django.urls import path

from . import views

app_name = "polls"
urlpatterns = [
    path("polls/", views.poll_list, name="list"),
    path("polls/new/", views.poll_new, name="new"),
    path("polls/new-survey/", views.survey_new, name="survey_new"),
    path("polls/<int:pk>/", views.detail, name="detail"),
    path("polls/<int:pk>/answer/", views.answer, name="answer"),
    path("polls/<int:pk>/questions/", views.manage, name="manage"),
    path("polls/<int:pk>/publish/", views.publish, name="publish"),
    path("polls/<int:pk>/answers.csv", views.export_csv, name="export"),
    path("polls/confirm/<str:token>/", views.guest_confirm, name="guest_confirm"),
]
