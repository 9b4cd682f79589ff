"""Every write of the partners app: organisations, their presence in a wijk, and their representatives."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkplatform.core.exceptions import CapabilityDenied
from wijkplatform.core.images import clean_image
from wijkplatform.core.services import require
from wijkplatform.notifications.services import notify

from .models import Organisation, PartnerPresence, Representative

PROFILE_FIELDS = ("name", "kind", "offer", "contact", "opening_hours", "website")


def _unique_slug(name):
    base = slugify(name)[:70] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _validate_profile(fields):
    name = (fields.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the organisation a name.")})
    if fields.get("kind") not in Organisation.Kind.values:
        raise ValidationError({"kind": _("Choose what kind of organisation this is.")})


def organisation_create(
    *, wijk, by, name, kind, offer="", contact="", opening_hours="", website="", logo=None
):
    """A member adds an organisation to the wijk and asks to represent it; a coordinator approves."""
    require(by, "partner.create", wijk)
    fields = {
        "name": name,
        "kind": kind,
        "offer": offer,
        "contact": contact,
        "opening_hours": opening_hours,
        "website": website,
    }
    _validate_profile(fields)
    cleaned_logo = clean_image(logo, max_side=600) if logo else None
    with transaction.atomic():
        organisation = Organisation(slug=_unique_slug(name), **fields)
        organisation.name = organisation.name.strip()
        if cleaned_logo:
            organisation.logo.save(cleaned_logo.name, cleaned_logo, save=False)
        organisation.save()
        presence = PartnerPresence.objects.create(wijk=wijk, organisation=organisation, added_by=by)
        Representative.objects.create(wijk=wijk, organisation=organisation, user=by)
    return presence


def can_edit_organisation(*, wijk, user, organisation):
    from wijkplatform.core.capabilities import can

    from .selectors import represents

    return can(user, "partner.verify", wijk) or represents(wijk=wijk, user=user, organisation=organisation)


def organisation_update(*, wijk, organisation, by, logo=None, **fields):
    if not can_edit_organisation(wijk=wijk, user=by, organisation=organisation):
        raise CapabilityDenied(_("Only the organisation's representatives or a coordinator can edit it."))
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    merged = {name: getattr(organisation, name) for name in PROFILE_FIELDS} | fields
    _validate_profile(merged)
    cleaned_logo = clean_image(logo, max_side=600) if logo else None
    for name, value in fields.items():
        setattr(organisation, name, value)
    if cleaned_logo:
        organisation.logo.save(cleaned_logo.name, cleaned_logo, save=False)
    organisation.save()
    return organisation


def presence_verify(*, wijk, presence, by, verified=True):
    """A coordinator marks (or unmarks) a partner of their wijk as verified."""
    require(by, "partner.verify", wijk)
    if presence.wijk_id != wijk.pk:
        raise ValidationError(_("This organisation is not a partner of this wijk."))
    presence.verified = bool(verified)
    presence.verified_by = by if verified else None
    presence.verified_at = timezone.now() if verified else None
    presence.save(update_fields=["verified", "verified_by", "verified_at"])
    return presence


def representative_request(*, wijk, organisation, by, motivation=""):
    """Ask to represent an organisation in this wijk. Asking again just returns the open request."""
    require(by, "partner.represent", wijk)
    if not PartnerPresence.objects.in_wijk(wijk).filter(organisation=organisation).exists():
        raise ValidationError(_("This organisation is not a partner of this wijk."))
    existing = Representative.objects.in_wijk(wijk).filter(organisation=organisation, user=by).first()
    if existing is not None:
        if existing.status == Representative.Status.APPROVED:
            raise ValidationError(_("You already represent this organisation."), code="already")
        if existing.status == Representative.Status.DECLINED:
            existing.status = Representative.Status.PENDING
            existing.motivation = motivation[:300]
            existing.decided_by, existing.decided_at = None, None
            existing.save(update_fields=["status", "motivation", "decided_by", "decided_at"])
        return existing
    try:
        with transaction.atomic():
            return Representative.objects.create(
                wijk=wijk, organisation=organisation, user=by, motivation=motivation[:300]
            )
    except IntegrityError:  # asked twice at once
        return Representative.objects.in_wijk(wijk).get(organisation=organisation, user=by)


def presence_add(*, wijk, organisation, by):
    """A representative of an organisation (in any wijk) makes it a partner of another wijk they belong to.

    They ask to represent it there too; that wijk's coordinator approves, as for any first representative.
    """
    from wijkplatform.core.tenancy import cross_wijk

    require(by, "partner.create", wijk)
    with cross_wijk("a person's own representation across wijken"):
        represents_somewhere = Representative.objects.filter(
            organisation=organisation, user=by, status=Representative.Status.APPROVED
        ).exists()
    if not represents_somewhere:
        raise CapabilityDenied(_("Only a representative of the organisation can add it to another wijk."))
    if PartnerPresence.objects.in_wijk(wijk).filter(organisation=organisation).exists():
        raise ValidationError(_("This organisation is already a partner of this wijk."), code="already")
    with transaction.atomic():
        presence = PartnerPresence.objects.create(wijk=wijk, organisation=organisation, added_by=by)
        Representative.objects.in_wijk(wijk).get_or_create(wijk=wijk, organisation=organisation, user=by)
    return presence


def may_decide(*, wijk, user, organisation):
    """An approved representative decides; while there is none, the wijk's coordinator does."""
    from wijkplatform.core.capabilities import can

    admins = Representative.objects.in_wijk(wijk).filter(
        organisation=organisation, status=Representative.Status.APPROVED
    )
    if admins.exists():
        return admins.filter(user=user).exists() if user.is_authenticated else False
    return can(user, "partner.verify", wijk)


def representative_decide(*, wijk, request, by, approve):
    """Approve or decline a request to represent an organisation."""
    if request.wijk_id != wijk.pk:
        raise ValidationError(_("There is no such request in this wijk."))
    if not may_decide(wijk=wijk, user=by, organisation=request.organisation):
        raise CapabilityDenied(
            _("Only a representative of the organisation (or, for the first one, a coordinator) can decide.")
        )
    if request.status != Representative.Status.PENDING:
        raise ValidationError(_("This request has already been decided."), code="decided")
    with transaction.atomic():
        request.status = Representative.Status.APPROVED if approve else Representative.Status.DECLINED
        request.decided_by = by
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "decided_by", "decided_at"])
        if approve:
            from wijkplatform.wijken.services import role_grant

            role_grant(wijk=wijk, user=request.user, role="partner")
        _notify_decision(wijk=wijk, request=request, by=by)
    return request


def _notify_decision(*, wijk, request, by):
    with translation.override(wijk.language):
        if request.status == Representative.Status.APPROVED:
            title = _("You now represent %(org)s in %(wijk)s.")
        else:
            title = _("Your request to represent %(org)s in %(wijk)s was declined.")
        title = title % {"org": request.organisation.name, "wijk": wijk.name}
    url = reverse("partners:detail", kwargs={"wijk_slug": wijk.slug, "org_slug": request.organisation.slug})
    notify(wijk=wijk, recipients=[request.user], kind="partner_request", title=title, url=url, actor=by)
