"""The project's URLs plus the academy editors' admin at /academy/edit/ (the project is asked to mount it)."""

from django.urls import path

from wijkplatform.academy.admin import academy_site
from wijkplatform.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("academy/edit/", academy_site.urls), *project_urlpatterns]
