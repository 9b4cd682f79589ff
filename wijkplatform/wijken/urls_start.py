from django.urls import path

from . import views_start

app_name = "start"
urlpatterns = [
    path("", views_start.request_new, name="new"),
    path("r/<str:token>/", views_start.request_detail, name="request"),
    path("r/<str:token>/sign/", views_start.request_cosign, name="cosign"),
    path("review/", views_start.review_queue, name="queue"),
    path("review/<int:pk>/", views_start.review, name="review"),
    path("import/", views_start.import_archive, name="import"),
]
