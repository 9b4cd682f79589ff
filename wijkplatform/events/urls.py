from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/calendar/", views.calendar_month, name="calendar"),
    path("events/past/", views.archive, name="archive"),
    path("events/new/", views.event_create, name="create"),
    path("events/my-calendar/", views.my_calendar, name="my_calendar"),
    path("events/my-calendar/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("events.ics", views.wijk_feed, name="feed"),
    path("events/point/<slug:point_slug>.ics", views.point_feed, name="point_feed"),
    path("events/<int:pk>/", views.event_detail, name="detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="edit"),
    path("events/<int:pk>/cancel/", views.event_cancel, name="cancel"),
    path("events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("events/date/<int:pk>/", views.occurrence_detail, name="occurrence"),
    path("events/date/<int:pk>/rsvp/", views.rsvp, name="rsvp"),
    path("events/date/<int:pk>/guest/", views.guest_rsvp, name="guest_rsvp"),
    path("events/guest/<str:token>/confirm/", views.guest_confirm, name="guest_confirm"),
    path("events/guest/<str:token>/cancel/", views.guest_cancel, name="guest_cancel"),
    path("events/date/<int:pk>/change/", views.occurrence_edit, name="occurrence_edit"),
    path("events/date/<int:pk>/attendees/", views.attendees, name="attendees"),
    path("events/date/<int:pk>/attendees.csv", views.attendees_csv, name="attendees_csv"),
    path("events/date/<int:pk>/date.ics", views.occurrence_ics, name="occurrence_ics"),
]
