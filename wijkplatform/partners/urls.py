from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("partners/", views.partner_list, name="list"),
    path("partners/new/", views.partner_create, name="create"),
    path("partners/requests/<int:pk>/decide/", views.request_decide, name="request_decide"),
    path("partners/<slug:org_slug>/", views.partner_detail, name="detail"),
    path("partners/<slug:org_slug>/edit/", views.partner_edit, name="edit"),
    path("partners/<slug:org_slug>/verify/", views.partner_verify, name="verify"),
    path("partners/<slug:org_slug>/represent/", views.partner_represent, name="represent"),
    path("partners/<slug:org_slug>/add-to-wijk/", views.partner_add_to_wijk, name="add_to_wijk"),
]
