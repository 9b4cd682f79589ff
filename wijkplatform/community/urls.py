from django.urls import path

from . import views

app_name = "community"
urlpatterns = [
    path("feed/", views.feed, name="feed"),
    path("feed.rss", views.posts_rss, name="feed_rss"),
    path("feed/new/", views.post_create, name="post_create"),
    path("feed/new/thanked/", views.thanked_search, name="thanked_search"),
    path("feed/bookmarks/", views.bookmarks, name="bookmarks"),
    path("feed/<int:pk>/", views.post_detail, name="post_detail"),
    path("feed/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("feed/<int:pk>/delete/", views.post_delete, name="post_delete"),
    path("feed/<int:pk>/like/", views.post_like, name="post_like"),
    path("feed/<int:pk>/bookmark/", views.post_bookmark, name="post_bookmark"),
    path("feed/<int:pk>/follow/", views.post_follow, name="post_follow"),
    path("feed/<int:pk>/pin/", views.post_pin, name="post_pin"),
    path("feed/<int:pk>/resolve/", views.post_resolve, name="post_resolve"),
    path("feed/<int:pk>/comment/", views.comment_create, name="comment_create"),
    path("feed/comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("initiatives/", views.initiatives, name="initiatives"),
    path("initiatives/new/", views.initiative_create, name="initiative_create"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/support/", views.initiative_support, name="initiative_support"),
    path("initiatives/<int:pk>/update/", views.initiative_update, name="initiative_update"),
    path("initiatives/<int:pk>/tasks/", views.initiative_task_add, name="initiative_task_add"),
    path("initiatives/<int:pk>/status/", views.initiative_status, name="initiative_status"),
    path("initiatives/tasks/<int:pk>/signup/", views.task_signup, name="task_signup"),
    path("desk/kindness/", views.kindness_settings, name="kindness"),
    path("desk/kindness/<int:pk>/remove/", views.kindness_remove, name="kindness_remove"),
]
