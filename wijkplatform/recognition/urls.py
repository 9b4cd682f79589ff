from django.urls import path

from . import views

app_name = "recognition"
urlpatterns = [
    path("volunteers/", views.volunteers, name="volunteers"),
    path("volunteers/my-hours/", views.my_hours, name="my_hours"),
    path("volunteers/to-confirm/", views.to_confirm, name="to_confirm"),
    path("volunteers/hours/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("volunteers/nominate/", views.nominate, name="nominate"),
    path("volunteers/nominations/", views.nominations, name="nominations"),
    path("volunteers/nominations/<int:pk>/choose/", views.choose, name="choose"),
]
