from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("report/<str:content>/<int:pk>/", views.report, name="report"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("transparency/", views.transparency, name="transparency"),
    path("moderation/decisions/<int:pk>/", views.appeal, name="appeal"),
    path("desk/moderation/", views.queue, name="queue"),
    path("desk/moderation/log/", views.audit_log, name="audit_log"),
    path("desk/moderation/appeals/<int:pk>/", views.appeal_decide, name="appeal_decide"),
    path("desk/moderation/<str:content>/<int:pk>/", views.decide, name="decide"),
    path("desk/guidelines/", views.guidelines_edit, name="guidelines_edit"),
    path("desk/guidelines/<int:pk>/", views.guideline_edit, name="guideline_edit"),
]
