import functools

from django import template
from django.template.loader import get_template
from django.utils import translation
from django.utils.translation import get_language

from wijkplatform.core.capabilities import can

from ..selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/_bell_link.html", takes_context=True)
def notification_bell(context):
    """The bell in the header: a link to the wijk's notifications with the unread count (members only)."""
    request = context.get("request")
    wijk = getattr(request, "wijk", None) if request else None
    if wijk is None or not can(request.user, "wijk.view_members_only", wijk):
        return {"show": False}
    return {"show": True, "wijk": wijk, "unread": unread_count(wijk=wijk, user=request.user)}


def bell_html(request):
    """The bell's HTML on its own, for a page kept for many members that fills it in per member."""
    bell = notification_bell({"request": request})
    if not bell["show"]:
        return ""
    return _bell_rendered(bell["wijk"].slug, bell["unread"], get_language())


@functools.lru_cache(maxsize=1000)
def _bell_rendered(wijk_slug, unread, language):
    # The same few bells on every member's page: each rendered once per process.
    with translation.override(language):
        return get_template("notifications/_bell_link.html").render(
            {"show": True, "wijk": {"slug": wijk_slug}, "unread": unread}
        )
