from django.urls import path

from . import views

app_name = "points"
urlpatterns = [
    path("points/", views.point_list, name="list"),
    path("points/<slug:slug>/", views.point_detail, name="detail"),
    path("points/<slug:slug>/screen/", views.point_screen, name="screen"),
    path("desk/points/", views.desk, name="desk"),
    path("desk/points/<slug:slug>/", views.desk_point, name="desk_point"),
    path("desk/points/<slug:slug>/assist/", views.assist, name="assist"),
]
