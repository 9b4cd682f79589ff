from django.urls import path

from . import views

app_name = "newsroom"
urlpatterns = [
    path("stories/", views.story_list, name="stories"),
    path("stories.rss", views.stories_feed, name="stories_rss"),
    path("stories/pitch/", views.pitch, name="pitch"),
    path("stories/<int:pk>/", views.story_detail, name="story"),
    path("stories/<int:pk>/print/", views.story_print, name="story_print"),
    path("desk/stories/", views.desk, name="desk"),
    path("desk/stories/new/", views.desk_new, name="desk_new"),
    path("desk/stories/settings/", views.desk_settings, name="desk_settings"),
    path("desk/stories/calendar/", views.desk_calendar, name="desk_calendar"),
    path("desk/stories/pitches/", views.desk_pitches, name="desk_pitches"),
    path("desk/stories/pitches/<int:pk>/", views.desk_pitch_assign, name="desk_pitch_assign"),
    path("desk/stories/<int:pk>/", views.desk_story, name="desk_story"),
    path("desk/stories/<int:pk>/autosave/", views.desk_autosave, name="desk_autosave"),
    path("desk/stories/<int:pk>/step/", views.desk_step, name="desk_step"),
    path("desk/stories/<int:pk>/comment/", views.desk_comment, name="desk_comment"),
    path("desk/stories/<int:pk>/diff/", views.desk_diff, name="desk_diff"),
    path("desk/stories/<int:pk>/photos/", views.desk_photo, name="desk_photo"),
    path("paper/", views.paper_archive, name="paper"),
    path("paper/latest.pdf", views.paper_latest, name="paper_latest"),
    path("paper/<int:number>.pdf", views.paper_edition, name="paper_edition"),
    path("desk/paper/", views.desk_paper, name="desk_paper"),
]
