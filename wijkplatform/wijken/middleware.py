from django.conf import settings
from django.contrib.auth.middleware import get_user
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

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
        # Every wijk page needs the person (their language, what they may do): read them now, after the wijk, so
        # their session comes in the round trip that reads the wijk's versions. The page's many reads of
        # `request.user` then reach the person directly rather than through the lazy object each time.
        request.user = get_user(request)
        timezone.activate(wijk.tz)
        language = language_for(request, wijk)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
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


def language_for(request, wijk):
    """The language of a wijk's page when the visitor expressed none we speak: their own, else the wijk's."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        return None  # chosen with the switcher: LocaleMiddleware already applied it
    preferred = getattr(request.user, "preferred_language", "")
    candidates = [preferred] if preferred else []
    if not any(_supported(code) for code, _q in parse_accept_lang_header(request.headers.get("Accept-Language", ""))):
        candidates.append(wijk.language)
    for code in candidates:
        if _supported(code):
            return _supported(code)
    return None


def _supported(code):
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def open_in_private_wijk(view):
    """Mark a view that non-members may see in a members-only wijk (its home, joining)."""
    view.open_in_private_wijk = True
    return view
