"""The admin for platform staff: signed in through the platform's login, with two-factor authentication.

Staff see every wijk here, so its views read across wijken on purpose.
"""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

from .tenancy_context import cross_wijk


class PlatformAdminSite(admin.AdminSite):
    site_header = f"{settings.BRAND_NAME} admin"
    site_title = settings.BRAND_NAME

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_staff and user.has_mfa

    def login(self, request, extra_context=None):
        from .views import admin_login

        return admin_login(request)

    def admin_view(self, view, cacheable=False):
        protected = super().admin_view(view, cacheable)

        @wraps(view)
        def across_wijken(request, *args, **kwargs):
            with cross_wijk("platform staff in the admin"):
                return protected(request, *args, **kwargs)

        return across_wijken


class PlatformAdminConfig(AdminConfig):
    default_site = "wijkplatform.core.admin_site.PlatformAdminSite"
