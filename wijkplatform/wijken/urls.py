from django.urls import path

from . import views

app_name = "wijken"
urlpatterns = [
    path("", views.home, name="home"),
    path("join/", views.join, name="join"),
    path("leave/", views.leave, name="leave"),
    path("people/<int:user_id>/", views.person, name="person"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("desk/settings/", views.wijk_settings, name="settings"),
    path("desk/settings/guidelines-reviewed/", views.guidelines_reviewed, name="guidelines_reviewed"),
    path("desk/invite/", views.invite, name="invite"),
    path("desk/export/", views.export, name="export"),
    path("desk/members/", views.members, name="members"),
    path("desk/members/<int:user_id>/roles/", views.member_roles, name="member_roles"),
    path("desk/members/<int:user_id>/approve/", views.member_approve, name="member_approve"),
]
