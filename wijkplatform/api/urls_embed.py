from django.urls import path

from . import embeds

app_name = "embed"
urlpatterns = [
    path("embed/", embeds.snippets, name="snippets"),
    path("embed/agenda/", embeds.agenda, name="agenda"),
    path("embed/stories/", embeds.stories, name="stories"),
]
