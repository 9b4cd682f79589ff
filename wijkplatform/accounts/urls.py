from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile_edit, name="profile"),
    path("tokens/", views.tokens, name="tokens"),
    path("my-data/", views.my_data, name="my_data"),
    path("tokens/<int:pk>/revoke/", views.token_revoke_view, name="token_revoke"),
]
