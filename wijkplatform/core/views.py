from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .health import platform_health


@never_cache
def healthz(request):
    checks = platform_health()
    ok = all(check["ok"] for check in checks.values())
    return JsonResponse({"status": "ok" if ok else "degraded", "checks": checks}, status=200 if ok else 503)


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # No context processors that may touch the database: the fault may be the database itself.
    return render(request, "500.html", status=500)


def admin_login(request, extra_context=None):
    """The admin signs in through the platform's own login (rate limits, two-factor), never its own form."""
    if request.user.is_authenticated:
        message = _("The admin is for platform staff with two-factor authentication turned on.")
        return render(request, "403.html", {"message": message, "show_mfa_link": True}, status=403)
    return redirect_to_login(request.GET.get("next", "/admin/"))


def manifest(request):
    """The web app manifest: the platform installs as an app on a phone."""
    return JsonResponse({
        "name": settings.BRAND_NAME,
        "short_name": settings.BRAND_NAME,
        "description": _("The neighbourhood platform: connect and activate your neighbours."),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f5f4f1",
        "theme_color": "#e4003a",
        "lang": get_language(),
        "icons": [
            {"src": static(f"core/icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png",
             "purpose": "any maskable"}
            for size in (192, 512)
        ],
    }, content_type="application/manifest+json")


def service_worker(request):
    response = render(request, "core/sw.js", {
        "version": settings.STATIC_VERSION, "offline_url": reverse("offline"), "static_url": settings.STATIC_URL,
    }, content_type="application/javascript")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


def offline(request):
    return render(request, "core/offline.html")
