"""Every write about Points: the Points themselves, hosts, opening hours, consent and assisted posting."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkplatform.core.capabilities import POINT_HOST, can, roles_of
from wijkplatform.core.exceptions import CapabilityDenied
from wijkplatform.core.images import clean_image
from wijkplatform.core.services import require
from wijkplatform.search.services import index_document

from . import hours as hours_lib
from .models import AssistedAction, Consent, OpeningException, OpeningHours, Point, PointHost

POINT_FIELDS = (
    "name",
    "kind",
    "address",
    "latitude",
    "longitude",
    "description",
    "activities",
    "accessibility",
    "photo_alt",
    "is_active",
)


def _index_point(point):
    body = "\n".join([point.address, point.description, point.activities, point.accessibility])
    index_document(
        wijk=point.wijk,
        obj=point,
        kind="point",
        title=point.name,
        body=body,
        url=point.get_absolute_url(),
        public=point.is_active,
    )


def _check_location(latitude, longitude):
    if (latitude is None) != (longitude is None):
        raise ValidationError(_("Give both a latitude and a longitude, or neither."), code="location")
    if latitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValidationError(_("This is not a place on earth: check the latitude and longitude."), code="location")


def point_create(*, wijk, by, name, address, slug="", photo=None, **fields):
    require(by, "point.manage", wijk)
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give the Point a name."), code="name")
    if not (address or "").strip():
        raise ValidationError(_("Give the Point's street address, so people can find it."), code="address")
    slug = slugify(slug or name)[:80]
    if not slug:
        raise ValidationError(_("Give the Point an address in the site with letters or digits."), code="slug")
    if Point.objects.in_wijk(wijk).filter(slug=slug).exists():
        raise ValidationError(_("There already is a Point at this address in the site."), code="slug_taken")
    _check_location(fields.get("latitude"), fields.get("longitude"))
    point = Point(
        wijk=wijk,
        name=name,
        slug=slug,
        address=address.strip(),
        **{k: v for k, v in fields.items() if k in POINT_FIELDS},
    )
    if photo:
        cleaned = clean_image(photo)
        point.photo.save(cleaned.name, cleaned, save=False)
    with transaction.atomic():
        point.save()
        transaction.on_commit(lambda: _index_point(point))
    return point


def point_update(*, wijk, point, by, photo=None, **fields):
    require(by, "point.manage", wijk)
    if point.wijk_id != wijk.pk:
        raise ValidationError(_("This Point belongs to another wijk."), code="wijk")
    _check_location(fields.get("latitude", point.latitude), fields.get("longitude", point.longitude))
    for key, value in fields.items():
        if key in POINT_FIELDS:
            setattr(point, key, value)
    if not (point.name or "").strip() or not (point.address or "").strip():
        raise ValidationError(_("A Point needs a name and a street address."), code="required")
    if photo:
        cleaned = clean_image(photo)
        point.photo.save(cleaned.name, cleaned, save=False)
    with transaction.atomic():
        point.save()
        transaction.on_commit(lambda: _index_point(point))
    return point


# --- Hosts -------------------------------------------------------------------------------------------------


def host_assign(*, wijk, point, user, by):
    require(by, "point.manage", wijk)
    if POINT_HOST not in roles_of(user, wijk):
        raise ValidationError(_("Only members with the point host role can host a Point."), code="not_host")
    link, _created = PointHost.objects.get_or_create(wijk=wijk, point=point, user=user)
    return link


def host_remove(*, wijk, point, user, by):
    require(by, "point.manage", wijk)
    PointHost.objects.in_wijk(wijk).filter(point=point, user=user).delete()


# --- Opening hours -----------------------------------------------------------------------------------------


def _check_period(opens, closes):
    if opens is None or closes is None:
        raise ValidationError(_("Give both an opening and a closing time."), code="missing_time")
    if hours_lib.is_inverted(opens, closes):
        raise ValidationError(
            _(
                "The closing time (%(closes)s) must be after the opening time (%(opens)s). "
                "Use 00:00 to close at midnight."
            )
            % {"opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")},
            code="inverted",
        )


def hours_add(*, wijk, point, weekday, opens, closes, by):
    require(by, "point.manage", wijk)
    if weekday not in OpeningHours.Weekday.values:
        raise ValidationError(_("Choose a day of the week."), code="weekday")
    _check_period(opens, closes)
    with transaction.atomic():
        # Lock the Point so two hosts cannot add overlapping hours at the same moment.
        Point.objects.in_wijk(wijk).select_for_update().filter(pk=point.pk).first()
        for other in OpeningHours.objects.in_wijk(wijk).filter(point=point, weekday=weekday):
            if hours_lib.overlaps(opens, closes, other.opens, other.closes):
                raise ValidationError(
                    _("These hours overlap with %(other)s on the same day.") % {"other": other},
                    code="overlap",
                )
        return OpeningHours.objects.create(wijk=wijk, point=point, weekday=weekday, opens=opens, closes=closes)


def hours_remove(*, wijk, point, pk, by):
    require(by, "point.manage", wijk)
    deleted, _rows = OpeningHours.objects.in_wijk(wijk).filter(point=point, pk=pk).delete()
    return bool(deleted)


def exception_add(*, wijk, point, date, kind, by, opens=None, closes=None, note=""):
    require(by, "point.manage", wijk)
    if date is None:
        raise ValidationError(_("Give the date."), code="date")
    if kind not in OpeningException.Kind.values:
        raise ValidationError(_("Choose closed, holiday or different hours."), code="kind")
    with transaction.atomic():
        Point.objects.in_wijk(wijk).select_for_update().filter(pk=point.pk).first()
        same_day = list(OpeningException.objects.in_wijk(wijk).filter(point=point, date=date))
        if kind == OpeningException.Kind.DIFFERENT:
            _check_period(opens, closes)
            for other in same_day:
                if other.is_closed:
                    raise ValidationError(_("This Point is already marked closed on that date."), code="closed_day")
                if hours_lib.overlaps(opens, closes, other.opens, other.closes):
                    raise ValidationError(
                        _("These hours overlap with other hours on that date (%(opens)s–%(closes)s).")
                        % {"opens": other.opens.strftime("%H:%M"), "closes": other.closes.strftime("%H:%M")},
                        code="overlap",
                    )
        else:
            opens = closes = None
            if same_day:
                raise ValidationError(
                    _("There already is an exception on that date; remove it first."), code="duplicate"
                )
        return OpeningException.objects.create(
            wijk=wijk,
            point=point,
            date=date,
            kind=kind,
            opens=opens,
            closes=closes,
            note=(note or "").strip()[:200],
        )


def exception_remove(*, wijk, point, pk, by):
    require(by, "point.manage", wijk)
    deleted, _rows = OpeningException.objects.in_wijk(wijk).filter(point=point, pk=pk).delete()
    return bool(deleted)


# --- Consent and assisted posting ------------------------------------------------------------------------


def _require_host_of(*, wijk, point, by):
    require(by, "point.assist", wijk)
    if not (by.is_staff or PointHost.objects.in_wijk(wijk).filter(point=point, user=by).exists()):
        raise CapabilityDenied(_("Only the hosts of this Point can do this here."))


def consent_record(*, wijk, point, resident, by, scope=Consent.Scope.ALL, note="", given_at=None):
    _require_host_of(wijk=wijk, point=point, by=by)
    if scope not in Consent.Scope.values:
        raise ValidationError(_("Choose what the consent covers."), code="scope")
    if not can(resident, "wijk.view_members_only", wijk):
        raise ValidationError(_("This person is not a member of this wijk."), code="not_member")
    if resident.pk == by.pk:
        raise ValidationError(_("You cannot record consent for yourself."), code="self")
    return Consent.objects.create(
        wijk=wijk,
        point=point,
        resident=resident,
        host=by,
        scope=scope,
        note=(note or "").strip()[:300],
        given_at=given_at or timezone.now(),
    )


def consent_withdraw(*, wijk, point, pk, by):
    consent = Consent.objects.in_wijk(wijk).filter(point=point, pk=pk).first()
    if consent is None:
        raise ValidationError(_("There is no such consent at this Point."), code="missing")
    if consent.resident_id != by.pk:
        _require_host_of(wijk=wijk, point=point, by=by)
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
    return consent


def _consent_for(*, wijk, point, resident, action, by):
    from .selectors import consent_active

    _require_host_of(wijk=wijk, point=point, by=by)
    consent = consent_active(wijk=wijk, point=point, resident=resident, action=action)
    if consent is None:
        raise CapabilityDenied(
            _("%(name)s has not given consent at this Point for you to do this for them. Record their consent first.")
            % {"name": resident.name}
        )
    return consent


def assisted_post(*, wijk, point, resident, kind, text, by, audience="public"):
    # Orchestration across apps: community points at points, so a module-level import would be circular.
    from wijkplatform.community.services import post_create

    with transaction.atomic():
        consent = _consent_for(wijk=wijk, point=point, resident=resident, action="post", by=by)
        post = post_create(
            wijk=wijk, author=resident, kind=kind, text=text, audience=audience, placed_by=by, via_point=point
        )
        _log(
            wijk=wijk,
            point=point,
            consent=consent,
            by=by,
            resident=resident,
            action=AssistedAction.Action.POST,
            summary=text[:200],
            url=post.get_absolute_url(),
        )
    return post


def _log(*, wijk, point, consent, by, resident, action, summary, url):
    """What a host placed for a resident, shown on the Point's desk."""
    AssistedAction.objects.create(
        wijk=wijk, point=point, consent=consent, host=by, resident=resident, action=action, summary=summary, url=url
    )


def assisted_comment(*, wijk, point, resident, post, text, by):
    # Orchestration across apps: community points at points, so a module-level import would be circular.
    from wijkplatform.community.services import comment_create

    with transaction.atomic():
        consent = _consent_for(wijk=wijk, point=point, resident=resident, action="comment", by=by)
        comment = comment_create(
            wijk=wijk, post=post, author=resident, text=text, placed_by=by, via_point=point
        )
        _log(
            wijk=wijk,
            point=point,
            consent=consent,
            by=by,
            resident=resident,
            action=AssistedAction.Action.COMMENT,
            summary=text[:200],
            url=post.get_absolute_url(),
        )
    return comment


def assisted_rsvp(*, wijk, point, resident, event, status, by):
    # Orchestration across apps: events points at points, so a module-level import would be circular.
    from wijkplatform.events.services import rsvp_set

    with transaction.atomic():
        consent = _consent_for(wijk=wijk, point=point, resident=resident, action="rsvp", by=by)
        rsvp = rsvp_set(
            wijk=wijk, event=event, user=resident, status=status, placed_by=by, via_point=point
        )
        _log(
            wijk=wijk,
            point=point,
            consent=consent,
            by=by,
            resident=resident,
            action=AssistedAction.Action.RSVP,
            summary=f"{event.title}: {status}"[:200],
            url=event.get_absolute_url(),
        )
    return rsvp
