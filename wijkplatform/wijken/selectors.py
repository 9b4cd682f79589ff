from wijkplatform.core.capabilities import RESIDENT
from wijkplatform.core.tenancy import cross_wijk

from .models import Membership, RoleAssignment, Wijk


def wijken_public():
    return Wijk.objects.filter(is_active=True, visibility=Wijk.Visibility.PUBLIC)


def wijk_get_live(*, slug):
    """The live wijk at this address, or None."""
    return Wijk.objects.filter(slug=slug, is_active=True).first()


def membership_of(*, wijk, user):
    if not user.is_authenticated:
        return None
    return Membership.objects.in_wijk(wijk).filter(user=user).first()


def active_roles(*, wijk, user):
    """All roles held, MFA not yet considered (that is `capabilities.roles_of`)."""
    membership = membership_of(wijk=wijk, user=user)
    if membership is None or membership.status != Membership.Status.ACTIVE:
        return set()
    assigned = RoleAssignment.objects.in_wijk(wijk).filter(user=user).values_list("role", flat=True)
    return {RESIDENT, *assigned}


def members(*, wijk, status=Membership.Status.ACTIVE):
    return (
        Membership.objects.in_wijk(wijk)
        .filter(status=status)
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )


def roles_by_user(*, wijk, user_ids):
    """{user_id: [role, ...]} for a page of members: one query."""
    result = {}
    rows = RoleAssignment.objects.in_wijk(wijk).filter(user_id__in=user_ids).values_list("user_id", "role")
    for user_id, role in rows:
        result.setdefault(user_id, []).append(role)
    return result


def member_get_for(*, wijk, user_id):
    """The active member of this wijk with this user id; None for anyone else (the caller 404s)."""
    return members(wijk=wijk).filter(user_id=user_id).first()


def wijken_of(*, user):
    """The wijken a person belongs to: their own memberships, across wijken on purpose."""
    if not user.is_authenticated:
        return Wijk.objects.none()
    with cross_wijk("a person's own memberships"):
        ids = list(
            Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values_list("wijk_id", flat=True)
        )
    return Wijk.objects.filter(pk__in=ids, is_active=True)


def shares_a_wijk(*, user, other):
    """Whether two people are active members of at least one common wijk."""
    with cross_wijk("people who share a wijk"):
        mine = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values("wijk_id")
        return Membership.objects.filter(
            user=other, status=Membership.Status.ACTIVE, wijk_id__in=mine
        ).exists()
