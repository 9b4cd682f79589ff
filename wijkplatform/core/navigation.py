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


# Sections of the wijk home, in order: dotted paths of functions `(request) -> str | None` (rendered HTML), each
# with the parts of the wijk (app labels) it shows. An app adds its line when it lands; a section with nothing
# to show returns None. A section is kept and shared by everyone with the same rights in the wijk until a write
# to one of its parts (see `wijk_home_sections`); one whose parts are None is rendered per person: what it
# shows differs per person (their unread messages, whether they accepted the guidelines) and it keeps its own
# reads. A kept section must not hold a form (its CSRF token would be another person's).
WIJK_HOME_SECTIONS = {
    "wijkplatform.moderation.views.home_section": None,
    "wijkplatform.community.views.home_section": ("community",),
    "wijkplatform.events.views.home_section": ("events",),
    "wijkplatform.points.views.home_section": ("points",),
    "wijkplatform.newsroom.views.home_section": ("newsroom",),
    "wijkplatform.messaging.views.home_section": None,
    "wijkplatform.polls.views.home_section": ("polls",),
    "wijkplatform.budget.views.home_section": ("budget",),
    "wijkplatform.recognition.views.home_section": ("recognition",),
    "wijkplatform.academy.views.home_section": ("academy",),
}


def wijk_home_sections(request):
    from django.utils.module_loading import import_string

    from .capabilities import capabilities_key
    from .pagecache import cached_fragments

    def render(paths):
        return [import_string(path)(request) or "" for path in paths]

    shared = [path for path, parts in WIJK_HOME_SECTIONS.items() if parts is not None]
    rights = capabilities_key(request.user, request.wijk)
    fragments = cached_fragments(
        request, shared, key=lambda path: f"home:{path}:{rights}", render=render, parts=WIJK_HOME_SECTIONS.get
    )
    kept = dict(zip(shared, fragments, strict=True))
    rendered = (kept[path] if path in kept else import_string(path)(request) for path in WIJK_HOME_SECTIONS)
    return [html for html in rendered if html]
