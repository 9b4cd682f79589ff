"""Roles map to capabilities here, and only here. Views and templates ask `can(user, capability, wijk)`."""

from django.utils.translation import gettext_lazy as _

from wijkplatform.core.pagecache import kept_until_wijk_changes

RESIDENT = "resident"
PARTNER = "partner"
REPORTER = "reporter"
EDITOR = "editor"
TECH_HELPER = "tech_helper"
POINT_HOST = "point_host"
COORDINATOR = "coordinator"

ROLE_CHOICES = [
    (RESIDENT, _("Resident")),
    (PARTNER, _("Partner")),
    (REPORTER, _("Wijkreporter")),
    (EDITOR, _("Editor (wijkredactie)")),
    (TECH_HELPER, _("Tech helper (wijktechnischedienst)")),
    (POINT_HOST, _("Point host")),
    (COORDINATOR, _("Coordinator")),
]
ROLES = [code for code, _label in ROLE_CHOICES]

# Roles that only count once the person has two-factor authentication on (DESIGN.md §2).
ROLES_NEEDING_MFA = {EDITOR, COORDINATOR}

MEMBER = {RESIDENT, PARTNER, REPORTER, EDITOR, TECH_HELPER, POINT_HOST, COORDINATOR}

CAPABILITIES = {
    # Reading what members see.
    "wijk.view_members_only": MEMBER,
    # Community.
    "post.create": MEMBER,
    "post.like": MEMBER,
    "post.comment": MEMBER,
    "post.pin": {COORDINATOR, EDITOR},
    "content.report": MEMBER,
    "initiative.create": MEMBER,
    "initiative.join": MEMBER,
    "post.follow": MEMBER,
    "kindness.manage": {COORDINATOR},
    # Agenda and partners.
    "event.create": MEMBER,
    "event.rsvp": MEMBER,
    "event.manage_any": {COORDINATOR},
    "partner.verify": {COORDINATOR},
    "partner.post_as": {PARTNER},
    "partner.create": MEMBER,
    "partner.represent": MEMBER,
    # Newsroom.
    "story.pitch": MEMBER,
    "story.write": {REPORTER, EDITOR},
    "story.review": {EDITOR},
    "story.publish": {EDITOR},
    "paper.compose": {EDITOR},
    "moderation.review": {EDITOR},
    "moderation.audit_log": {COORDINATOR, EDITOR},
    "guidelines.edit": {COORDINATOR},
    # Points and help desk.
    "point.manage": {POINT_HOST, COORDINATOR},
    "point.assist": {POINT_HOST},
    "helpdesk.work": {TECH_HELPER},
    "health.view": {TECH_HELPER, COORDINATOR},
    # Running the wijk.
    "desk.enter": {REPORTER, EDITOR, TECH_HELPER, POINT_HOST, COORDINATOR},
    "members.view": {COORDINATOR},
    "members.manage_roles": {COORDINATOR},
    "wijk.settings": {COORDINATOR},
    "wijk.export": {COORDINATOR},
    "figures.export": {COORDINATOR},
    # Participation: messages, polls, the wijk budget, volunteers.
    "message.send": MEMBER,
    "poll.ask": {COORDINATOR, EDITOR, PARTNER},
    "poll.answer": MEMBER,
    "budget.manage": {COORDINATOR},
    "budget.take_part": MEMBER,
    "volunteer.log_hours": MEMBER,
    "volunteer.confirm_hours": {COORDINATOR},
    "neighbour.nominate": MEMBER,
    "neighbour.choose": {EDITOR},
}


# Memberships and roles are rows of the wijken app: a like or a new post leaves what is kept of them alone.
PEOPLE = ("wijken",)


def roles_of(user, wijk):
    """The roles a person holds in a wijk that they may use now (memoised on the user per request)."""
    if not user.is_authenticated or wijk is None:
        return frozenset()
    cache = user.__dict__.setdefault("_wijk_roles", {})
    if wijk.pk not in cache:
        roles = roles_held(user, wijk)
        if roles & ROLES_NEEDING_MFA and not user.has_mfa:
            roles -= ROLES_NEEDING_MFA
        cache[wijk.pk] = frozenset(roles)
    return cache[wijk.pk]


def roles_held(user, wijk):
    """The roles a person holds in a wijk, MFA not yet considered; kept until the wijk's members change."""
    return set(_membership_and_roles(user, wijk)[1])  # the caller's own: roles_of takes some away


def membership_held(user, wijk):
    """The person's membership of the wijk (pending or active), or None; kept until the wijk's members change."""
    return _membership_and_roles(user, wijk)[0]


def _membership_and_roles(user, wijk):
    from wijkplatform.wijken.selectors import membership_and_roles

    if not user.is_authenticated:
        return None, set()
    return kept_until_wijk_changes(
        wijk, f"member:{user.pk}", lambda: membership_and_roles(wijk=wijk, user=user), parts=PEOPLE
    )


def can(user, capability, wijk):
    if capability not in CAPABILITIES:
        raise KeyError(f"unknown capability {capability!r}")
    if not user.is_authenticated:
        return False
    if user.is_staff and user.has_mfa:
        return True
    return bool(roles_of(user, wijk) & CAPABILITIES[capability])


def capabilities_key(user, wijk):
    """A short text that is the same for two people exactly when `can()` answers the same for them in this wijk:
    what a page shared by members with the same rights is kept under (core/pagecache.render_shared)."""
    if not user.is_authenticated:
        return "visitor"
    if user.is_staff and user.has_mfa:
        return "staff"
    return ",".join(sorted(roles_of(user, wijk))) or "none"


def forget_roles(user):
    """Drop the memoised roles after a change, so the next `can()` reads them again."""
    user.__dict__.pop("_wijk_roles", None)
