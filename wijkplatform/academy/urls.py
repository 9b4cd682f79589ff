from django.urls import path

from . import views

app_name = "academy"
urlpatterns = [
    path("", views.index, name="index"),
    path("courses/<slug:slug>/", views.course, name="course"),
    path("courses/<slug:slug>/enrol/", views.enrol, name="enrol"),
    path("courses/<slug:slug>/resume/", views.resume, name="resume"),
    path("courses/<slug:slug>/lessons/<int:pk>/", views.lesson, name="lesson"),
    path("courses/<slug:slug>/lessons/<int:pk>/done/", views.lesson_done, name="lesson_done"),
    path("courses/<slug:slug>/quizzes/<int:pk>/", views.quiz, name="quiz"),
    path("certificates/<str:code>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("verify/", views.verify_lookup, name="verify_lookup"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("cohorts/<int:pk>/", views.cohort, name="cohort"),
    path("cohorts/<int:pk>/learners/<int:user_id>/", views.cohort_learner, name="cohort_learner"),
    path("cohorts/<int:pk>/export.csv", views.cohort_export, name="cohort_export"),
    path("knowledge/", views.knowledge, name="knowledge"),
    path("knowledge/<slug:slug>/", views.knowledge_entry, name="knowledge_entry"),
    path("pilots/", views.pilots, name="pilots"),
    path("pilots/<slug:slug>/", views.pilot, name="pilot"),
    path("research/", views.research, name="research"),
    path("research/export.<str:fmt>", views.research_export, name="research_export"),
]
