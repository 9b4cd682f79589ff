from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkplatform.core.capabilities import can

from .selectors import wijk_get_live


class WijkMiddleware:
    """Resolves the wijk of a `/<wijk_slug>/...` address once per request, as `request.wijk`.

    The view receives no `wijk_slug` argument; it reads `request.wijk`. An unknown or inactive wijk is a 404.
    Dates and times on a wijk's pages are shown in the wijk's time zone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.wijk = None
        response = self.get_response(request)
        timezone.deactivate()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.pop("wijk_slug", None)
        if slug is None:
            return None
        wijk = wijk_get_live(slug=slug)
        if wijk is None:
            raise Http404(_("There is no wijk at this address."))
        request.wijk = wijk
        timezone.activate(wijk.tz)
        match = request.resolver_match
        if match and not all(wijk.part_is_on(namespace) for namespace in match.namespaces):
            raise Http404(_("This part of the wijk is switched off."))
        if (
            wijk.visibility == wijk.Visibility.MEMBERS
            and not getattr(view_func, "open_in_private_wijk", False)
            and not can(request.user, "wijk.view_members_only", wijk)
        ):
            return redirect("wijken:home", wijk_slug=wijk.slug)
        return None


def open_in_private_wijk(view):
    """Mark a view that non-members may see in a members-only wijk (its home, joining)."""
    view.open_in_private_wijk = True
    return view
