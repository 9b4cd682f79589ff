import re
from importlib import import_module

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.urls.resolvers import RoutePattern, URLResolver
from django.views.static import serve

from wijkplatform.academy.admin import academy_site
from wijkplatform.api.api import api
from wijkplatform.core import metrics, ops_views, storage
from wijkplatform.core import views as core_views
from wijkplatform.helpdesk import views as helpdesk_views
from wijkplatform.wijken import views as wijken_views


def wijk_part(urlconf):
    """`include(urlconf)` under /<wijk_slug>/, tried only for an address that starts with one of the first
    segments of its patterns. Django's resolver has no index: without this, an address of an app late in the
    list tries every pattern of every app before it, and each miss is recorded: finding a wijk's stories took
    twice as long, its figures 2.5 times, on every request not served from the page cache (docs/performance.md)."""
    everywhere = path("", include(urlconf))  # for an app whose first segments are not all plain text
    firsts = set()
    for pattern in import_module(urlconf).urlpatterns:
        if not isinstance(pattern.pattern, RoutePattern):
            return everywhere
        first = str(pattern.pattern).split("/")[0]
        if "<" in first or (not first and isinstance(pattern, URLResolver)):
            return everywhere
        firsts.add(first)
    starts = "|".join(sorted(f"{re.escape(first)}(?:/|$)" if first else "$" for first in firsts))
    return re_path(rf"^(?={starts})", include(urlconf))


# Everything under /<wijk_slug>/: the middleware turns the slug into request.wijk.
wijk_patterns = [
    wijk_part("wijkplatform.wijken.urls"),
    wijk_part("wijkplatform.community.urls"),
    wijk_part("wijkplatform.events.urls"),
    wijk_part("wijkplatform.partners.urls"),
    wijk_part("wijkplatform.points.urls"),
    wijk_part("wijkplatform.newsroom.urls"),
    wijk_part("wijkplatform.moderation.urls"),
    wijk_part("wijkplatform.helpdesk.urls"),
    wijk_part("wijkplatform.notifications.urls"),
    wijk_part("wijkplatform.search.urls"),
    wijk_part("wijkplatform.polls.urls"),
    wijk_part("wijkplatform.budget.urls"),
    wijk_part("wijkplatform.recognition.urls"),
    wijk_part("wijkplatform.insights.urls"),
    wijk_part("wijkplatform.api.urls_embed"),
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
