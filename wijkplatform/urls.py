from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from wijkplatform.academy.admin import academy_site
from wijkplatform.api.api import api
from wijkplatform.core import metrics, ops_views, storage
from wijkplatform.core import views as core_views
from wijkplatform.helpdesk import views as helpdesk_views
from wijkplatform.wijken import views as wijken_views

# Everything under /<wijk_slug>/: the middleware turns the slug into request.wijk.
wijk_patterns = [
    path("", include("wijkplatform.wijken.urls")),
    path("", include("wijkplatform.community.urls")),
    path("", include("wijkplatform.events.urls")),
    path("", include("wijkplatform.partners.urls")),
    path("", include("wijkplatform.points.urls")),
    path("", include("wijkplatform.newsroom.urls")),
    path("", include("wijkplatform.moderation.urls")),
    path("", include("wijkplatform.helpdesk.urls")),
    path("", include("wijkplatform.notifications.urls")),
    path("", include("wijkplatform.search.urls")),
    path("", include("wijkplatform.polls.urls")),
    path("", include("wijkplatform.budget.urls")),
    path("", include("wijkplatform.recognition.urls")),
    path("", include("wijkplatform.insights.urls")),
    path("", include("wijkplatform.api.urls_embed")),
]

urlpatterns = [
    path("", wijken_views.directory, name="home"),
    path("wijken/markers.json", wijken_views.directory_markers, name="directory_markers"),
    path("healthz", core_views.healthz, name="healthz"),
    path("status/", helpdesk_views.status, name="status"),
    path("readyz", ops_views.readyz, name="readyz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("files/<str:token>", storage.private_file, name="private_file"),
    path("manifest.webmanifest", core_views.manifest, name="manifest"),
    path("sw.js", core_views.service_worker, name="service_worker"),
    path("offline/", core_views.offline, name="offline"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("wijkplatform.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("start/", include("wijkplatform.wijken.urls_start")),
    path("figures/", include("wijkplatform.insights.urls_platform")),
    path("academy/edit/", academy_site.urls),
    path("academy/", include("wijkplatform.academy.urls")),
    path("messages/", include("wijkplatform.messaging.urls")),
    path("api/v1/", api.urls),
    path("<slug:wijk_slug>/", include(wijk_patterns)),
]


if settings.BENCH:  # the ceiling of bench/load.py: a view that does nothing, behind the whole stack
    from wijkplatform.core.benchmark import minimal, minimal_member

    urlpatterns[:0] = [path("__minimal__", minimal), path("__minimal_member__", minimal_member)]

if not settings.PRODUCTION:  # in production the proxy or object storage serves uploads
    urlpatterns = [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
        *urlpatterns,
    ]

handler400 = "wijkplatform.core.views.error_400"
handler403 = "wijkplatform.core.views.error_403"
handler404 = "wijkplatform.core.views.error_404"
handler500 = "wijkplatform.core.views.error_500"
