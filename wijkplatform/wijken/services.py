import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkplatform.core.capabilities import RESIDENT, ROLES, forget_roles
from wijkplatform.core.services import require

from .models import Invitation, Membership, RoleAssignment, Wijk


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


def wijk_settings_update(*, wijk, form, by):
    """Save a validated settings form of this wijk; the switched-off parts come from `parts_on`."""
    require(by, "wijk.settings", wijk)
    if form.instance.pk != wijk.pk:
        raise ValidationError(_("These are the settings of another wijk."))
    updated = form.save(commit=False)
    on = set(form.cleaned_data.get("parts_on") or ())
    updated.parts_off = [code for code, _label, _namespaces in Wijk.PARTS if code not in on]
    with transaction.atomic():  # a logo or cover the storage refuses (ValidationError) rolls back to here
        updated.save()
    return updated


def wijk_guidelines_reviewed(*, wijk, by):
    require(by, "wijk.settings", wijk)
    wijk.guidelines_reviewed_at = timezone.now()
    wijk.save(update_fields=["guidelines_reviewed_at"])


def invitations_send(*, wijk, emails, by):
    """Invite people by email to join the wijk; the link in the email lets them in whatever the join policy."""
    from wijkplatform.notifications.services import email_send  # notifications builds on wijken

    require(by, "members.manage_roles", wijk)
    sent = []
    with transaction.atomic():
        for email in emails:
            invitation = Invitation.objects.create(wijk=wijk, email=email, token=secrets.token_urlsafe(16)[:22],
                                                   invited_by=by)
            url = settings.SITE_URL + reverse("wijken:accept_invitation",
                                              kwargs={"wijk_slug": wijk.slug, "token": invitation.token})
            with translation.override(wijk.language):
                subject = _("%(name)s invites you to %(wijk)s") % {"name": by.name, "wijk": wijk.name}
                body = _("Hello,\n\n%(name)s invites you to join %(wijk)s, the neighbourhood platform of your "
                         "neighbours. Join here: %(url)s\n") % {"name": by.name, "wijk": wijk.name, "url": url}
            email_send(wijk=wijk, to_email=email, subject=subject, body=body, kind="invitation")
            sent.append(invitation)
    return sent


def invitation_accept(*, wijk, token, user):
    with transaction.atomic():
        invitation = (Invitation.objects.in_wijk(wijk).select_for_update()
                      .filter(token=token, accepted_at__isnull=True).first())
        if invitation is None:
            raise ValidationError(_("This invitation is not valid, or was used already."), code="invalid")
        membership, _created = Membership.objects.in_wijk(wijk).get_or_create(wijk=wijk, user=user)
        if membership.status == Membership.Status.SUSPENDED:
            raise ValidationError(_("Your membership of this wijk is suspended."), code="suspended")
        if membership.status != Membership.Status.ACTIVE:
            membership.status = Membership.Status.ACTIVE
            membership.save(update_fields=["status"])
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    forget_roles(user)
    return membership
