"""Requests to start a wijk, and turning an approved request into a live wijk at once."""

import importlib
import secrets

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkplatform.core.capabilities import COORDINATOR

from . import places
from .models import Membership, Wijk, WijkRequest, WijkRequestSignature
from .services import role_grant


def wijk_request_create(*, by, name, city, country, latitude, longitude, why, who="", requester_kind="resident",
                        organisation_name=""):
    if not places.is_country(country):
        raise ValidationError({"country": _("Choose a country from the list.")})
    if places.time_zone_at(latitude, longitude) is None:
        raise ValidationError({"latitude": _("This point is not on land. Point at the neighbourhood on the map.")})
    existing = wijk_near(latitude=latitude, longitude=longitude, name=name)
    if existing is not None:
        raise ValidationError(
            _("%(wijk)s is already a wijk on the platform. You can join it right away.") % {"wijk": existing.name},
            code="exists",
        )
    return WijkRequest.objects.create(
        name=name.strip(), city=city.strip(), country=country, latitude=latitude, longitude=longitude, why=why,
        who=who, requester=by, requester_kind=requester_kind, organisation_name=organisation_name.strip(),
        share_token=secrets.token_urlsafe(16)[:22],
    )


def wijk_near(*, latitude, longitude, name):
    """A live wijk with the same name close to this place (that place is already a wijk)."""
    for wijk in Wijk.objects.filter(is_active=True, latitude__isnull=False, name__iexact=name.strip()):
        if places.distance_km(latitude, longitude, wijk.latitude, wijk.longitude) <= places.NEARBY_KM * 2:
            return wijk
    return None


def wijk_request_cosign(*, wijk_request, by):
    if wijk_request.status != WijkRequest.Status.OPEN:
        raise ValidationError(_("This request is no longer open for signatures."), code="closed")
    if wijk_request.requester_id == by.pk:
        raise ValidationError(_("You made this request; ask your neighbours to sign it."), code="own")
    try:
        with transaction.atomic():
            return WijkRequestSignature.objects.create(request=wijk_request, user=by)
    except IntegrityError:
        raise ValidationError(_("You have already signed this request. Thank you!"), code="twice") from None


def wijk_request_decline(*, wijk_request, by, reason):
    _require_staff(by)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why, so the requester understands.")})
    with transaction.atomic():
        locked = WijkRequest.objects.select_for_update().get(pk=wijk_request.pk)
        _require_open(locked)
        locked.status, locked.decline_reason = WijkRequest.Status.DECLINED, reason.strip()
        locked.reviewed_by, locked.reviewed_at = by, timezone.now()
        locked.save()
    return locked


def wijk_request_merge(*, wijk_request, into, by):
    """Fold a duplicate request into another: its signatures (and requester) sign the one that stays."""
    _require_staff(by)
    if into.pk == wijk_request.pk:
        raise ValidationError(_("A request cannot be merged into itself."))
    with transaction.atomic():
        locked = WijkRequest.objects.select_for_update().get(pk=wijk_request.pk)
        _require_open(locked)
        if into.status != WijkRequest.Status.OPEN:
            raise ValidationError(_("Merge into a request that is still open."))
        signers = {locked.requester_id, *locked.signatures.values_list("user_id", flat=True)} - {into.requester_id}
        already = set(into.signatures.values_list("user_id", flat=True))
        WijkRequestSignature.objects.bulk_create(
            [WijkRequestSignature(request=into, user_id=user_id) for user_id in signers - already]
        )
        locked.status, locked.merged_into = WijkRequest.Status.MERGED, into
        locked.reviewed_by, locked.reviewed_at = by, timezone.now()
        locked.save()
    return locked


def wijk_request_approve(*, wijk_request, by, slug=""):
    """Approve and provision the wijk at once: address, time zone, language, requester as coordinator.

    All or nothing: if any step fails, no wijk exists and the request stays open.
    """
    _require_staff(by)
    with transaction.atomic():
        locked = WijkRequest.objects.select_for_update().get(pk=wijk_request.pk)
        _require_open(locked)  # approving twice at once: the second waits for the lock, then sees it is done
        wijk = wijk_provision(
            slug=slug or _free_slug(locked.name, locked.city),
            name=locked.name, city=locked.city, country=locked.country,
            latitude=locked.latitude, longitude=locked.longitude, coordinator=locked.requester,
        )
        locked.status, locked.wijk = WijkRequest.Status.APPROVED, wijk
        locked.reviewed_by, locked.reviewed_at = by, timezone.now()
        locked.save()
        _send_welcome(wijk, locked.requester)  # through the outbox, in the same transaction
    return wijk


def wijk_provision(*, slug, name, city, country, latitude, longitude, coordinator):
    """Create a live wijk with everything it starts with. Each app may add its defaults in `provision.py`."""
    wijk = Wijk(
        slug=slug, name=name, city=city, country=country, latitude=latitude, longitude=longitude,
        time_zone=places.time_zone_at(latitude, longitude) or "UTC",
        language=places.language_for_country(country),
    )
    wijk.full_clean()
    wijk.save()
    Membership.objects.create(wijk=wijk, user=coordinator)
    role_grant(wijk=wijk, user=coordinator, role=COORDINATOR)
    for config in apps.get_app_configs():
        if config.name.startswith("wijkplatform."):
            try:
                module = importlib.import_module(f"{config.name}.provision")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.provision":
                    raise
                continue
            module.provision(wijk=wijk)
    return wijk


def _free_slug(name, city):
    for candidate in (slugify(name), slugify(f"{name}-{city}")):
        candidate = candidate[:60]
        if candidate and candidate not in settings.RESERVED_SLUGS and not Wijk.objects.filter(slug=candidate).exists():
            return candidate
    raise ValidationError({"slug": _("Choose an address for this wijk: the obvious ones are taken.")})


def _require_staff(user):
    if not (user.is_authenticated and user.is_staff and user.has_mfa):
        raise PermissionDenied(_("Only platform staff review requests for new wijken."))


def _require_open(wijk_request):
    if wijk_request.status != WijkRequest.Status.OPEN:
        raise ValidationError(
            _("This request was already handled: %(status)s.") % {"status": wijk_request.get_status_display()},
            code="handled",
        )


def _send_welcome(wijk, coordinator):
    url = settings.SITE_URL + reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})
    with translation.override(coordinator.preferred_language or wijk.language):
        subject = _("%(wijk)s is live!") % {"wijk": wijk.name}
        body = _(
            "Hello %(name)s,\n\nYour request was approved: %(wijk)s now has its own place on %(brand)s.\n"
            "You are its coordinator. Start here: %(url)s\n\nA checklist on the wijk's home page helps you with the "
            "first steps: a logo and colour, the first LikeJeWijk Point, inviting reporters, the first event and "
            "the community guidelines.\n"
        ) % {"name": coordinator.name, "wijk": wijk.name, "brand": settings.BRAND_NAME, "url": url}
    # Imported here: notifications builds on wijken, not the other way round.
    from wijkplatform.notifications.services import email_send

    email_send(wijk=wijk, to_email=coordinator.email, subject=subject, body=body, kind="welcome")
