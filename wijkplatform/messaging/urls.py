from django.urls import path

from . import views

# Included at /messages/, not under a wijk. Addresses with `wijk_slug` get `request.wijk` from the middleware.
app_name = "messaging"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.new, name="new"),
    path("settings/", views.settings_view, name="settings"),
    path("block/<int:user_id>/", views.block, name="block"),
    path("unblock/<int:user_id>/", views.unblock, name="unblock"),
    path("new/<slug:wijk_slug>/", views.new_in_wijk, name="new_in_wijk"),
    path("reports/<slug:wijk_slug>/", views.reports, name="reports"),
    path("reports/<slug:wijk_slug>/<int:pk>/resolve/", views.report_resolve, name="report_resolve"),
    path("<slug:wijk_slug>/<int:pk>/", views.conversation, name="conversation"),
    path("<slug:wijk_slug>/message/<int:pk>/report/", views.report, name="report"),
]
