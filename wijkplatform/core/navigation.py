"""The wijk's navigation: one line per part of the platform. An app adds its line when it lands."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (url name, label, capability needed or None)
WIJK_NAV = [
    ("community:feed", _("Feed"), None),
    ("events:list", _("Events"), None),
    ("newsroom:stories", _("Stories"), None),
    ("partners:list", _("Partners"), None),
    ("points:list", _("Points"), None),
    ("helpdesk:ask", _("Help"), None),
    ("polls:list", _("Polls"), None),
    ("budget:rounds", _("Wijk budget"), None),
    ("recognition:volunteers", _("Volunteers"), None),
    ("wijken:members", _("Members"), "members.view"),
    ("insights:figures", _("Figures"), None),
    ("search:search", _("Search"), None),
    ("newsroom:desk", _("Desk"), "desk.enter"),
    ("helpdesk:desk", _("Help desk"), "helpdesk.work"),
]


def wijk_nav_items(request):
    from .capabilities import can

    wijk = request.wijk
    current = request.resolver_match.view_name if request.resolver_match else ""
    items = []
    for url_name, label, capability in WIJK_NAV:
        if capability and not can(request.user, capability, wijk):
            continue
        if not wijk.part_is_on(url_name.split(":")[0]):
            continue
        try:
            url = reverse(url_name, kwargs={"wijk_slug": wijk.slug})
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "current": current == url_name})
    return items


# Sections of the wijk home, in order: dotted paths of functions `(request) -> str | None` (rendered HTML).
# An app adds its line when it lands; a section with nothing to show returns None.
WIJK_HOME_SECTIONS = [
    "wijkplatform.moderation.views.home_section",
    "wijkplatform.community.views.home_section",
    "wijkplatform.events.views.home_section",
    "wijkplatform.points.views.home_section",
    "wijkplatform.newsroom.views.home_section",
    "wijkplatform.messaging.views.home_section",
    "wijkplatform.polls.views.home_section",
    "wijkplatform.budget.views.home_section",
    "wijkplatform.recognition.views.home_section",
    "wijkplatform.academy.views.home_section",
]


def wijk_home_sections(request):
    from django.utils.module_loading import import_string

    rendered = (import_string(path)(request) for path in WIJK_HOME_SECTIONS)
    return [html for html in rendered if html]
