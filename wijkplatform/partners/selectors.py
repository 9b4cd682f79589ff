"""Reads of the partners app, wijk first."""

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Organisation, PartnerPresence, Representative


def presences_of(*, wijk):
    """The partners of a wijk with their organisation, by kind then name."""
    return (
        PartnerPresence.objects.in_wijk(wijk)
        .select_related("organisation")
        .order_by("organisation__kind", "organisation__name")
    )


def presence_get_for(*, wijk, org_slug):
    """The presence of the organisation with this address in this wijk, or 404 (also for other wijken)."""
    presence = presences_of(wijk=wijk).filter(organisation__slug=org_slug).first()
    if presence is None:
        raise Http404(_("This organisation is not a partner of this wijk."))
    return presence


def organisation_in_wijk(*, wijk, pk):
    """An organisation that is a partner of this wijk, or None."""
    return Organisation.objects.filter(pk=pk, presences__wijk=wijk).first()


def organisations_represented(*, wijk, user):
    """The organisations this person may act for in this wijk (approved representative)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(
            representatives__wijk=wijk,
            representatives__user=user,
            representatives__status=Representative.Status.APPROVED,
            presences__wijk=wijk,
        )
        .distinct()
        .order_by("name")
    )


def represents(*, wijk, user, organisation):
    if not user.is_authenticated or organisation is None:
        return False
    return (
        Representative.objects.in_wijk(wijk)
        .filter(organisation=organisation, user=user, status=Representative.Status.APPROVED)
        .exists()
    )


def representatives_of(*, wijk, organisation, status=Representative.Status.APPROVED):
    return (
        Representative.objects.in_wijk(wijk)
        .filter(organisation=organisation, status=status)
        .select_related("user")
        .order_by("created_at")
    )


def request_of(*, wijk, organisation, user):
    if not user.is_authenticated:
        return None
    return Representative.objects.in_wijk(wijk).filter(organisation=organisation, user=user).first()


def request_get_for(*, wijk, pk):
    request = (
        Representative.objects.in_wijk(wijk).select_related("organisation", "user").filter(pk=pk).first()
    )
    if request is None:
        raise Http404(_("There is no such request in this wijk."))
    return request


def presences_with_representatives(*, wijk):
    return presences_of(wijk=wijk).prefetch_related(
        Prefetch(
            "organisation__representatives",
            queryset=Representative.objects.in_wijk(wijk).filter(status=Representative.Status.APPROVED),
        )
    )
