from django import template

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
