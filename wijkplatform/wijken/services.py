from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wijkplatform.core.capabilities import RESIDENT, ROLES, forget_roles
from wijkplatform.core.services import require

from .models import Membership, RoleAssignment, Wijk


def membership_join(*, wijk, user, invite_code=""):
    """A person joins a wijk; with approval joining they wait for a coordinator."""
    existing = Membership.objects.in_wijk(wijk).filter(user=user).first()
    if existing is not None:
        if existing.status == Membership.Status.SUSPENDED:
            raise ValidationError(_("Your membership of this wijk is suspended."), code="suspended")
        return existing
    if wijk.join_policy == Wijk.JoinPolicy.INVITE and (not wijk.invite_code or invite_code != wijk.invite_code):
        raise ValidationError(_("This wijk needs a valid invitation code to join."), code="invite")
    status = Membership.Status.PENDING if wijk.join_policy == Wijk.JoinPolicy.APPROVAL else Membership.Status.ACTIVE
    try:
        with transaction.atomic():
            membership = Membership.objects.create(wijk=wijk, user=user, status=status)
    except IntegrityError:  # joined twice at once: the first one stands
        membership = Membership.objects.in_wijk(wijk).get(user=user)
    forget_roles(user)
    return membership


def membership_leave(*, wijk, user):
    with transaction.atomic():
        RoleAssignment.objects.in_wijk(wijk).filter(user=user).delete()
        Membership.objects.in_wijk(wijk).filter(user=user).delete()
    forget_roles(user)


def membership_approve(*, wijk, membership, by):
    require(by, "members.manage_roles", wijk)
    if membership.wijk_id != wijk.pk:
        raise ValidationError(_("This person did not ask to join this wijk."))
    membership.status = Membership.Status.ACTIVE
    membership.save(update_fields=["status"])
    return membership


def roles_set(*, wijk, member, roles, by):
    """Give and take roles so that the member holds exactly `roles` (resident is implied by membership)."""
    require(by, "members.manage_roles", wijk)
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValidationError(_("Unknown role: %(roles)s") % {"roles": ", ".join(sorted(unknown))})
    if member.wijk_id != wijk.pk or member.status != Membership.Status.ACTIVE:
        raise ValidationError(_("Roles can only be given to active members of this wijk."))
    wanted = set(roles) - {RESIDENT}
    with transaction.atomic():
        current = set(RoleAssignment.objects.in_wijk(wijk).filter(user=member.user).values_list("role", flat=True))
        if member.user_id == by.pk and "coordinator" in current and "coordinator" not in wanted:
            raise ValidationError(_("You cannot take away your own coordinator role."), code="self")
        RoleAssignment.objects.in_wijk(wijk).filter(user=member.user, role__in=current - wanted).delete()
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(wijk=wijk, user=member.user, role=role, granted_by=by) for role in wanted - current]
        )
    forget_roles(member.user)
    return wanted


def role_grant(*, wijk, user, role, by=None):
    """Give one role (used by provisioning and the demo data; by=None means the platform itself)."""
    if by is not None:
        require(by, "members.manage_roles", wijk)
    if role == RESIDENT:
        return None
    assignment, _created = RoleAssignment.objects.in_wijk(wijk).get_or_create(
        wijk=wijk, user=user, role=role, defaults={"granted_by": by}
    )
    forget_roles(user)
    return assignment
