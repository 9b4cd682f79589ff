from django.urls import path

from . import views

app_name = "budget"
urlpatterns = [
    path("budget/", views.round_list, name="rounds"),
    path("budget/new/", views.round_new, name="round_new"),
    path("budget/<int:pk>/", views.round_detail, name="round"),
    path("budget/<int:pk>/plans/new/", views.plan_new, name="plan_new"),
    path("budget/<int:pk>/next-phase/", views.round_advance, name="round_advance"),
    path("budget/<int:pk>/vote/", views.vote, name="vote"),
    path("budget/<int:pk>/close/", views.round_close, name="round_close"),
    path("budget/plans/<int:pk>/", views.plan_detail, name="plan"),
    path("budget/plans/<int:pk>/review/", views.plan_review, name="plan_review"),
    path("budget/plans/<int:pk>/progress/", views.progress_add, name="progress_add"),
]
