from django.urls import path

from . import views

app_name = "wijken"
urlpatterns = [
    path("", views.home, name="home"),
    path("join/", views.join, name="join"),
    path("leave/", views.leave, name="leave"),
    path("people/<int:user_id>/", views.person, name="person"),
    path("desk/members/", views.members, name="members"),
    path("desk/members/<int:user_id>/roles/", views.member_roles, name="member_roles"),
    path("desk/members/<int:user_id>/approve/", views.member_approve, name="member_approve"),
]
