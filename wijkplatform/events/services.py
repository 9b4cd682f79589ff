"""Every write of the agenda: events, their dates, RSVPs with a waiting list, reminders, calendar feeds."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CharField, Count, Q, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from wijkplatform.core import guests
from wijkplatform.core.capabilities import can
from wijkplatform.core.exceptions import CapabilityDenied
from wijkplatform.core.images import clean_image
from wijkplatform.core.richtext import plain_text
from wijkplatform.core.services import require
from wijkplatform.notifications.services import email_send, notify
from wijkplatform.search.services import index_document, remove_document

from .models import RSVP, CalendarFeed, Event, Occurrence
from .recurrence import local_to_aware, series_starts

HORIZON = timedelta(days=183)  # recurring events have their dates stored about six months ahead

EDITABLE = (
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "address",
    "online_url",
    "organiser_partner",
    "cost",
    "for_children",
    "step_free",
    "hearing_loop",
    "accessibility",
    "capacity",
    "recurrence",
    "repeat_until",
    "point",
    "guests_may_rsvp",
)


# --- permissions ------------------------------------------------------------------------------------------


def can_manage(*, wijk, user, event):
    """The organiser, a representative of the organising partner, or a coordinator."""
    if not user.is_authenticated:
        return False
    if event.organiser_id == user.pk or can(user, "event.manage_any", wijk):
        return True
    if event.organiser_partner_id:
        from wijkplatform.partners.selectors import represents

        return represents(wijk=wijk, user=user, organisation=event.organiser_partner)
    return False


def _require_manage(*, wijk, user, event):
    if not can_manage(wijk=wijk, user=user, event=event):
        raise CapabilityDenied(_("Only the organiser of this event can do this."))


def _check_organisation(*, wijk, by, organisation):
    """Publishing as an organisation needs an approved representative of it in this wijk: otherwise 403."""
    if organisation is None:
        return
    from wijkplatform.partners.selectors import represents

    if not represents(wijk=wijk, user=by, organisation=organisation):
        raise CapabilityDenied(_("You do not represent this organisation, so you cannot publish as it."))


# --- validation -------------------------------------------------------------------------------------------


def _aware(wijk, value, field):
    if value is None:
        raise ValidationError({field: _("Give a date and time.")})
    return local_to_aware(value, wijk.tz, field=field)


def _validate(wijk, data):
    errors = {}
    data["title"] = (data.get("title") or "").strip()
    if not data["title"]:
        errors["title"] = _("Give the event a title.")
    if data["ends_at"] <= data["starts_at"]:
        errors["ends_at"] = _("The end must be after the start.")
    elif data["ends_at"] - data["starts_at"] > timedelta(days=14):
        errors["ends_at"] = _("An event lasts at most two weeks; use a recurring event for a series.")
    place = data.get("place") or Event.Place.ADDRESS
    if place not in Event.Place.values:
        errors["place"] = _("Choose where the event takes place.")
    elif place == Event.Place.ADDRESS and not (data.get("address") or "").strip():
        errors["address"] = _("Give the address where the event takes place.")
    elif place == Event.Place.ONLINE and not data.get("online_url"):
        errors["online_url"] = _("Give the link to join the event online.")
    elif place == Event.Place.POINT and (not data.get("point") or data["point"].wijk_id != wijk.pk):
        errors["point"] = _("Choose the LikeJeWijk Point where the event takes place.")
    cost = data.get("cost")
    if cost is not None and Decimal(cost) < 0:
        errors["cost"] = _("The cost cannot be negative.")
    capacity = data.get("capacity")
    if capacity is not None and capacity < 1:
        errors["capacity"] = _("The capacity is at least 1; leave it empty for no limit.")
    recurrence = data.get("recurrence") or ""
    if recurrence not in Event.Recurrence.values:
        errors["recurrence"] = _("Choose how often the event repeats.")
    until = data.get("repeat_until")
    if until and until < data["starts_at"].astimezone(wijk.tz).date():
        errors["repeat_until"] = _("The series cannot end before its first date.")
    if until and not recurrence:
        data["repeat_until"] = None
    if errors:
        raise ValidationError(errors)


# --- events -----------------------------------------------------------------------------------------------


def event_create(
    *,
    wijk,
    by,
    title,
    starts_at,
    ends_at,
    description="",
    place=Event.Place.ADDRESS,
    address="",
    online_url="",
    organiser_partner=None,
    cost=None,
    for_children=False,
    step_free=False,
    hearing_loop=False,
    accessibility="",
    photo=None,
    capacity=None,
    recurrence="",
    repeat_until=None,
    point=None,
    guests_may_rsvp=True,
):
    """Publish an event. Naive start and end are wall-clock times of the wijk (its time zone)."""
    require(by, "event.create", wijk)
    _check_organisation(wijk=wijk, by=by, organisation=organiser_partner)
    data = {
        "title": title,
        "description": description or "",
        "place": place or Event.Place.ADDRESS,
        "address": address or "",
        "online_url": online_url or "",
        "organiser_partner": organiser_partner,
        "cost": cost or None,
        "for_children": for_children,
        "step_free": step_free,
        "hearing_loop": hearing_loop,
        "accessibility": accessibility or "",
        "capacity": capacity,
        "recurrence": recurrence or "",
        "repeat_until": repeat_until,
        "point": point,
        "guests_may_rsvp": bool(guests_may_rsvp),
    }
    data["starts_at"] = _aware(wijk, starts_at, "starts_at")
    data["ends_at"] = _aware(wijk, ends_at, "ends_at")
    _validate(wijk, data)
    _clear_unused_place(data)
    cleaned_photo = clean_image(photo) if photo else None
    with transaction.atomic():
        event = Event(wijk=wijk, organiser=by, **data)
        if cleaned_photo:
            event.photo.save(cleaned_photo.name, cleaned_photo, save=False)
        event.save()
        _generate(wijk=wijk, event=event)
        transaction.on_commit(lambda: _index(wijk=wijk, event=event))
    return event


def _clear_unused_place(data):
    place = data["place"]
    if place != Event.Place.ADDRESS:
        data["address"] = ""
    if place != Event.Place.ONLINE:
        data["online_url"] = ""
    if place != Event.Place.POINT:
        data["point"] = None


def event_update(*, wijk, event, by, photo=None, **fields):
    """Change an event. Changing its times moves its dates; a lower capacity than people going is refused."""
    _require_manage(wijk=wijk, user=by, event=event)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    if "organiser_partner" in fields and fields["organiser_partner"] != event.organiser_partner:
        _check_organisation(wijk=wijk, by=by, organisation=fields["organiser_partner"])
    data = {name: getattr(event, name) for name in EDITABLE} | fields
    data["starts_at"] = _aware(wijk, data["starts_at"], "starts_at")
    data["ends_at"] = _aware(wijk, data["ends_at"], "ends_at")
    data["cost"] = data.get("cost") or None
    data["recurrence"] = data.get("recurrence") or ""
    _validate(wijk, data)
    _clear_unused_place(data)
    cleaned_photo = clean_image(photo) if photo else None
    with transaction.atomic():
        locked = Event.objects.in_wijk(wijk).select_for_update().get(pk=event.pk)
        capacity = data["capacity"]
        if capacity is not None and capacity != locked.capacity:
            most = (
                Occurrence.objects.in_wijk(wijk)
                .filter(event=locked, ends_at__gt=timezone.now(), cancelled=False)
                .annotate(going=Count("rsvps", filter=Q(rsvps__status=RSVP.Status.GOING)))
                .order_by("-going")
                .values_list("going", flat=True)
                .first()
            ) or 0
            if most > capacity:
                raise ValidationError(
                    {
                        "capacity": _(
                            "%(count)d people are already going, "
                            "so the capacity cannot be lower than %(count)d."
                        )
                        % {"count": most}
                    },
                    code="capacity_below_rsvps",
                )
        schedule_changed = any(
            data[name] != getattr(locked, name)
            for name in ("starts_at", "ends_at", "recurrence", "repeat_until")
        )
        capacity_raised = locked.capacity is not None and (capacity is None or capacity > locked.capacity)
        for name in EDITABLE:
            setattr(event, name, data[name])
        if cleaned_photo:
            event.photo.save(cleaned_photo.name, cleaned_photo, save=False)
        event.save()
        if schedule_changed:
            _reschedule(wijk=wijk, event=event, old_start=locked.starts_at)
        if capacity_raised:
            for occurrence in Occurrence.objects.in_wijk(wijk).filter(
                event=event, ends_at__gt=timezone.now()
            ):
                _fill_from_waiting_list(wijk=wijk, event=event, occurrence=occurrence)
        transaction.on_commit(lambda: _index(wijk=wijk, event=event))
    return event


def event_cancel(*, wijk, event, by):
    """Cancel the event and all its dates to come; people who were going hear of it."""
    _require_manage(wijk=wijk, user=by, event=event)
    now = timezone.now()
    with transaction.atomic():
        event.cancelled_at = now
        event.save(update_fields=["cancelled_at", "updated_at"])
        upcoming = list(
            Occurrence.objects.in_wijk(wijk).filter(event=event, ends_at__gt=now, cancelled=False)
        )
        Occurrence.objects.in_wijk(wijk).filter(pk__in=[o.pk for o in upcoming]).update(cancelled=True)
        for occurrence in upcoming:
            occurrence.event = event
            _notify_cancelled(wijk=wijk, occurrence=occurrence, by=by)
        transaction.on_commit(lambda: _unindex(wijk=wijk, event=event))
    return event


# --- dates (occurrences) ----------------------------------------------------------------------------------


def _generate(*, wijk, event, now=None):
    """Store the dates of the event up to the horizon; existing dates (moved or not) are kept."""
    now = now or timezone.now()
    starts = series_starts(
        event.starts_at, event.recurrence, tz=wijk.tz, until=event.repeat_until, horizon_end=now + HORIZON
    )
    existing = set(
        Occurrence.objects.in_wijk(wijk).filter(event=event).values_list("original_start", flat=True)
    )
    duration = event.duration
    new = [
        Occurrence(
            wijk=wijk,
            event=event,
            original_start=start,
            starts_at=start,
            ends_at=start + duration,
            cancelled=event.cancelled_at is not None,
        )
        for start in starts
        if start not in existing
    ]
    Occurrence.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def _reschedule(*, wijk, event, old_start):
    now = timezone.now()
    duration = event.duration
    if not event.recurrence:
        occurrences = list(Occurrence.objects.in_wijk(wijk).filter(event=event).order_by("original_start"))
        if occurrences:
            first, rest = occurrences[0], occurrences[1:]
            first.original_start = first.starts_at = event.starts_at
            first.ends_at = event.ends_at
            first.moved = False
            _drop_or_cancel(wijk=wijk, occurrences=[o for o in rest if o.ends_at > now])
            first.save(update_fields=["original_start", "starts_at", "ends_at", "moved"])
            return
    wanted = set(
        series_starts(
            event.starts_at, event.recurrence, tz=wijk.tz, until=event.repeat_until, horizon_end=now + HORIZON
        )
    )
    future = Occurrence.objects.in_wijk(wijk).filter(
        event=event, ends_at__gt=now, moved=False, cancelled=False
    )
    stale = []
    for occurrence in future:
        if occurrence.original_start in wanted:
            if occurrence.ends_at != occurrence.starts_at + duration:
                occurrence.ends_at = occurrence.starts_at + duration
                occurrence.save(update_fields=["ends_at"])
        else:
            stale.append(occurrence)
    _drop_or_cancel(wijk=wijk, occurrences=stale)
    _generate(wijk=wijk, event=event)


def _drop_or_cancel(*, wijk, occurrences):
    """Dates no longer in the series: removed, or cancelled when people already answered."""
    ids = [o.pk for o in occurrences]
    answered = set(
        RSVP.objects.in_wijk(wijk).filter(occurrence_id__in=ids).values_list("occurrence_id", flat=True)
    )
    Occurrence.objects.in_wijk(wijk).filter(pk__in=ids, cancelled=False).exclude(pk__in=answered).delete()
    Occurrence.objects.in_wijk(wijk).filter(pk__in=answered).update(cancelled=True)


def _event_of(wijk, occurrence):
    """The event of a date, read through the wijk when it was not loaded with the date."""
    if "event" not in occurrence._state.fields_cache:
        occurrence.event = Event.objects.in_wijk(wijk).get(pk=occurrence.event_id)
    return occurrence.event


def occurrence_move(*, wijk, occurrence, by, starts_at, ends_at):
    """Move one date of a series (or the only date); the others stay where they are."""
    event = _event_of(wijk, occurrence)
    _require_manage(wijk=wijk, user=by, event=event)
    starts_at = _aware(wijk, starts_at, "starts_at")
    ends_at = _aware(wijk, ends_at, "ends_at")
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    if occurrence.cancelled:
        raise ValidationError(_("This date is cancelled."), code="cancelled")
    occurrence.starts_at, occurrence.ends_at, occurrence.moved = starts_at, ends_at, True
    occurrence.reminded_at = None
    occurrence.save(update_fields=["starts_at", "ends_at", "moved", "reminded_at"])
    return occurrence


def occurrence_cancel(*, wijk, occurrence, by):
    """Cancel one date; the rest of the series goes on. People going hear of it."""
    _require_manage(wijk=wijk, user=by, event=_event_of(wijk, occurrence))
    with transaction.atomic():
        occurrence.cancelled = True
        occurrence.save(update_fields=["cancelled"])
        _notify_cancelled(wijk=wijk, occurrence=occurrence, by=by)
    return occurrence


def occurrences_extend(*, wijk, now=None):
    """Store the dates of every running series up to the horizon (a daily task)."""
    now = now or timezone.now()
    created = 0
    events = (
        Event.objects.in_wijk(wijk)
        .exclude(recurrence="")
        .filter(cancelled_at__isnull=True)
        .filter(Q(repeat_until__isnull=True) | Q(repeat_until__gte=now.astimezone(wijk.tz).date()))
    )
    for event in events:
        created += _generate(wijk=wijk, event=event, now=now)
    return created


# --- RSVP -------------------------------------------------------------------------------------------------


def rsvp_set(*, wijk, event, user, status, occurrence=None, placed_by=None, via_point=None):
    """Say going, maybe or not going to a date of an event (the next one when `occurrence` is None).

    A second answer updates the first. When the event is full, "going" puts the person on the waiting list;
    when someone who was going cancels, the first person waiting moves up and is notified. The event row is
    locked while counting, so two people can never take the last seat at once.
    """
    if status not in (RSVP.Status.GOING, RSVP.Status.MAYBE, RSVP.Status.NOT_GOING):
        raise ValidationError(_("Choose going, maybe or not going."), code="status")
    require(user, "event.rsvp", wijk)
    if placed_by is not None:
        require(placed_by, "point.assist", wijk)
    if via_point is not None and via_point.wijk_id != wijk.pk:
        raise ValidationError(_("This Point belongs to another wijk."), code="wijk")
    now = timezone.now()
    with transaction.atomic():
        locked = Event.objects.in_wijk(wijk).select_for_update().filter(pk=event.pk).first()
        if locked is None or locked.hidden_at is not None:
            raise ValidationError(_("This event is not available."), code="missing")
        dates = Occurrence.objects.in_wijk(wijk).filter(event=locked)
        if occurrence is None:
            occurrence = dates.filter(ends_at__gt=now, cancelled=False).order_by("starts_at").first()
            if occurrence is None:
                raise ValidationError(_("This event has no dates to come."), code="past")
        else:
            occurrence = dates.filter(pk=occurrence.pk).first()
            if occurrence is None:
                raise ValidationError(_("This date is not part of this event."), code="missing")
        if locked.cancelled_at is not None or occurrence.cancelled:
            raise ValidationError(
                _("This event is cancelled, so you cannot sign up for it."), code="cancelled"
            )
        if occurrence.ends_at <= now:
            raise ValidationError(_("This event is over, so you can no longer sign up for it."), code="past")
        rsvp = RSVP.objects.in_wijk(wijk).filter(occurrence=occurrence, user=user).first()
        previous = rsvp.status if rsvp else None
        new = status
        if status == RSVP.Status.GOING and previous == RSVP.Status.WAITING:
            new = RSVP.Status.WAITING
        elif status == RSVP.Status.GOING and previous != RSVP.Status.GOING and locked.capacity is not None:
            going = RSVP.objects.in_wijk(wijk).filter(occurrence=occurrence, status=RSVP.Status.GOING).count()
            if going >= locked.capacity:
                new = RSVP.Status.WAITING
        if rsvp is None:
            rsvp = RSVP(wijk=wijk, occurrence=occurrence, user=user)
        if new != previous or rsvp.pk is None:
            rsvp.status = new
            rsvp.placed_by = placed_by
            rsvp.via_point = via_point
            rsvp.waiting_since = now if new == RSVP.Status.WAITING else None
            try:
                with transaction.atomic():
                    rsvp.save()
            except IntegrityError:  # the same person answered twice at once: the first answer stands
                rsvp = RSVP.objects.in_wijk(wijk).get(occurrence=occurrence, user=user)
        if previous == RSVP.Status.GOING and new != RSVP.Status.GOING:
            _fill_from_waiting_list(wijk=wijk, event=locked, occurrence=occurrence)
    return rsvp


def _fill_from_waiting_list(*, wijk, event, occurrence):
    waiting = RSVP.objects.in_wijk(wijk).filter(occurrence=occurrence, status=RSVP.Status.WAITING)
    if event.capacity is not None:
        going = RSVP.objects.in_wijk(wijk).filter(occurrence=occurrence, status=RSVP.Status.GOING).count()
        free = max(event.capacity - going, 0)
        if not free:
            return []
        promoted = list(waiting.select_related("user").order_by("waiting_since", "pk")[:free])
    else:
        promoted = list(waiting.select_related("user").order_by("waiting_since", "pk"))
    for rsvp in promoted:
        rsvp.status = RSVP.Status.GOING
        rsvp.waiting_since = None
        rsvp.save(update_fields=["status", "waiting_since", "updated_at"])
    if promoted:
        occurrence.event = event
        title, _body = _in_each_language(_promoted_message, wijk, occurrence)
        _email_guests(wijk=wijk, occurrence=occurrence, rsvps=promoted, message=_promoted_message)
        _notify(
            wijk=wijk,
            recipients=[r.user for r in promoted if r.user_id],
            kind="waitlist_promoted",
            title=title,
            url=_occurrence_url(wijk, occurrence),
        )
    return promoted


# --- guests: visitors without an account -------------------------------------------------------------------

GUEST_CONFIRM_SALT = "events.guest-rsvp.confirm"
GUEST_CANCEL_SALT = "events.guest-rsvp.cancel"
GUEST_EMAIL_KIND = "event_guest"
GUEST_EMAILS_KEPT = timedelta(days=30)  # after the date, a guest's address is replaced by a placeholder
ERASED_GUEST = "@erased.invalid"


def guests_welcome(*, wijk, event):
    """Whether visitors without an account may sign up: a public wijk, and the organiser allows it."""
    return wijk.visibility == wijk.Visibility.PUBLIC and event.guests_may_rsvp and event.hidden_at is None


def _refuse_members_only(*, wijk, event):
    if not guests_welcome(wijk=wijk, event=event):
        raise CapabilityDenied(
            _("Only members of the wijk can sign up for this event. Log in, or join the wijk, to say you are coming.")
        )


def guest_token(rsvp, *, cancel=False):
    """The token of a guest's link to confirm (valid for a week) or to cancel (valid as long as the RSVP)."""
    salt = GUEST_CANCEL_SALT if cancel else GUEST_CONFIRM_SALT
    return guests.guest_token(salt=salt, wijk_id=rsvp.wijk_id, pk=rsvp.pk)


def guest_rsvp_from_token(*, wijk, token, cancel=False):
    """The guest's RSVP a link is for, in this wijk, or None (not ours, too old, another wijk, gone)."""
    if cancel:
        found = guests.guest_token_read(token, salt=GUEST_CANCEL_SALT, max_age_days=None)
    else:
        found = guests.guest_token_read(token, salt=GUEST_CONFIRM_SALT)
    if found is None or found[0] != wijk.pk:
        return None
    return (
        RSVP.objects.in_wijk(wijk)
        .filter(pk=found[1], user__isnull=True)
        .select_related("occurrence", "occurrence__event")
        .first()
    )


def _guest_date(*, wijk, locked, occurrence, now):
    """The date of `locked` (the event, locked) a guest answers for; refused when it is gone, off or over."""
    if locked is None or locked.hidden_at is not None:
        raise ValidationError(_("This event is not available."), code="missing")
    occurrence = Occurrence.objects.in_wijk(wijk).filter(event=locked, pk=occurrence.pk).first()
    if occurrence is None:
        raise ValidationError(_("This date is not part of this event."), code="missing")
    if locked.cancelled_at is not None or occurrence.cancelled:
        raise ValidationError(_("This event is cancelled, so you cannot sign up for it."), code="cancelled")
    if occurrence.ends_at <= now:
        raise ValidationError(_("This event is over, so you can no longer sign up for it."), code="past")
    occurrence.event = locked
    return occurrence


def _lock_event_of(wijk, rsvp):
    """The event of an RSVP, locked (the same lock as members' RSVPs take while counting places)."""
    event_id = (
        Occurrence.objects.in_wijk(wijk).filter(pk=rsvp.occurrence_id).values_list("event_id", flat=True).first()
    )
    return Event.objects.in_wijk(wijk).select_for_update().filter(pk=event_id).first()


def _going_count(*, wijk, occurrence):
    return RSVP.objects.in_wijk(wijk).filter(occurrence=occurrence, status=RSVP.Status.GOING).count()


def guest_rsvp_request(*, wijk, event, occurrence, email):
    """A visitor without an account asks to come to a date: their RSVP waits for their email address.

    Nothing counts until they confirm with the link we email them (it also has the link to cancel). One RSVP
    per address and date. A full date takes no new guests; a guest who confirms after the last place went
    joins the waiting list, like a member.
    """
    _refuse_members_only(wijk=wijk, event=event)
    address = guests.guest_email(email)
    if address is None:
        raise ValidationError(_("Give a valid email address: we send you a link to confirm."), code="email")
    now = timezone.now()
    with transaction.atomic():
        locked = Event.objects.in_wijk(wijk).select_for_update().filter(pk=event.pk).first()
        occurrence = _guest_date(wijk=wijk, locked=locked, occurrence=occurrence, now=now)
        _refuse_members_only(wijk=wijk, event=locked)
        duplicate = ValidationError(
            _(
                "This email address is already signed up for this date. The email we sent has the links "
                "to confirm or to cancel."
            ),
            code="duplicate",
        )
        if RSVP.objects.in_wijk(wijk).filter(occurrence=occurrence, guest_email=address).exists():
            raise duplicate
        if locked.capacity is not None and _going_count(wijk=wijk, occurrence=occurrence) >= locked.capacity:
            raise ValidationError(_("This event is full, so you cannot sign up for it."), code="full")
        try:
            with transaction.atomic():
                rsvp = RSVP.objects.create(
                    wijk=wijk,
                    occurrence=occurrence,
                    guest_email=address,
                    status=RSVP.Status.PENDING,
                    language=guests.guest_language_now(),  # the later emails are written in it too
                )
        except IntegrityError:  # the same address twice at once
            raise duplicate from None
        _send_guest_confirmation(wijk=wijk, occurrence=occurrence, rsvp=rsvp)
    return rsvp


def guest_rsvp_confirm(*, wijk, rsvp):
    """The guest clicked the link: the RSVP counts now (going, or the waiting list when the date is full)."""
    now = timezone.now()
    with transaction.atomic():
        locked = _lock_event_of(wijk, rsvp)
        current = RSVP.objects.in_wijk(wijk).filter(pk=rsvp.pk, user__isnull=True).first()
        if current is None:
            raise ValidationError(_("This sign-up does not exist any more."), code="missing")
        if current.status != RSVP.Status.PENDING:
            return current
        occurrence = _guest_date(
            wijk=wijk, locked=locked, occurrence=Occurrence(pk=current.occurrence_id), now=now
        )
        _refuse_members_only(wijk=wijk, event=locked)
        full = locked.capacity is not None and _going_count(wijk=wijk, occurrence=occurrence) >= locked.capacity
        current.status = RSVP.Status.WAITING if full else RSVP.Status.GOING
        current.waiting_since = now if full else None
        current.save(update_fields=["status", "waiting_since", "updated_at"])
        current.occurrence = occurrence
    return current


def guest_rsvp_cancel(*, wijk, rsvp):
    """The guest cancels with the link from their email: the RSVP and their address are deleted.

    A place they had goes to the first person on the waiting list.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = _lock_event_of(wijk, rsvp)
        current = RSVP.objects.in_wijk(wijk).filter(pk=rsvp.pk, user__isnull=True).first()
        if current is None:
            return None
        previous = current.status
        RSVP.objects.in_wijk(wijk).filter(pk=current.pk).delete()
        occurrence = Occurrence.objects.in_wijk(wijk).filter(pk=current.occurrence_id).first()
        if (
            previous == RSVP.Status.GOING
            and locked is not None
            and occurrence is not None
            and occurrence.ends_at > now
            and not occurrence.cancelled
        ):
            _fill_from_waiting_list(wijk=wijk, event=locked, occurrence=occurrence)
    return current


def guest_rsvps_tidy(*, wijk, now=None):
    """Forget what guests left behind (a nightly task): unconfirmed RSVPs whose link expired, and the
    addresses of guests a month after their date (the RSVP stays, so the figures stay right)."""
    now = now or timezone.now()
    expired = RSVP.objects.in_wijk(wijk).filter(
        user__isnull=True,
        status=RSVP.Status.PENDING,
        created_at__lt=now - timedelta(days=guests.GUEST_LINK_DAYS),
    )
    removed, _rows = expired.delete()
    forgotten = (
        RSVP.objects.in_wijk(wijk)
        .filter(user__isnull=True, occurrence__ends_at__lt=now - GUEST_EMAILS_KEPT)
        .exclude(guest_email__endswith=ERASED_GUEST)
        .update(guest_email=Concat(Value("guest-"), Cast("pk", CharField()), Value(ERASED_GUEST)))
    )
    return removed + forgotten


def _absolute(path):
    return settings.SITE_URL + path


def _guest_links(wijk, rsvp):
    confirm = reverse("events:guest_confirm", kwargs={"wijk_slug": wijk.slug, "token": guest_token(rsvp)})
    cancel = reverse(
        "events:guest_cancel", kwargs={"wijk_slug": wijk.slug, "token": guest_token(rsvp, cancel=True)}
    )
    return _absolute(confirm), _absolute(cancel)


def _send_guest_confirmation(*, wijk, occurrence, rsvp):
    """The email with the link to confirm (and the one to cancel), in the language of the visitor's page."""
    confirm_url, cancel_url = _guest_links(wijk, rsvp)
    body = _(
        "You asked to come to “%(event)s” on %(date)s in %(wijk)s.\n\n"
        "Confirm with this link (valid for %(days)s days); only then do you have a place:\n%(confirm)s\n\n"
        "Can you not come after all? Cancel with this link, also later:\n%(cancel)s\n\n"
        "Did not ask for this? Then ignore this email: nothing will be counted."
    ) % {
        "event": occurrence.event.title,
        "date": _when(wijk, occurrence),
        "wijk": wijk.name,
        "days": guests.GUEST_LINK_DAYS,
        "confirm": confirm_url,
        "cancel": cancel_url,
    }
    email_send(
        wijk=wijk,
        to_email=rsvp.guest_email,
        subject=_("Confirm that you are coming: %(event)s") % {"event": occurrence.event.title},
        body=body,
        kind=GUEST_EMAIL_KIND,
        language=translation.get_language(),
    )


def _email_guests(*, wijk, occurrence, rsvps, message, with_cancel_link=True):
    """An email to each confirmed guest among `rsvps` (pending ones are not told anything). Returns how many.

    These emails go out outside the guest's own request (a task, another person's action), so each is written
    in the language the guest signed up in: `message(wijk, occurrence)` gives (subject, body) in the active
    language and is called in the guest's.
    """
    sent = 0
    url = _absolute(_occurrence_url(wijk, occurrence))
    for rsvp in rsvps:
        if rsvp.user_id or rsvp.status == RSVP.Status.PENDING or rsvp.guest_email.endswith(ERASED_GUEST):
            continue
        language = guests.guest_language(rsvp.language, wijk=wijk)
        with translation.override(language):
            subject, body = message(wijk, occurrence)
            text = f"{subject}\n\n{body}\n\n{url}" if body else f"{subject}\n\n{url}"
            if with_cancel_link:
                _confirm, cancel_url = _guest_links(wijk, rsvp)
                text += "\n\n" + _("Can you not come after all? Cancel with this link:\n%(cancel)s") % {
                    "cancel": cancel_url
                }
        email_send(
            wijk=wijk, to_email=rsvp.guest_email, subject=subject, body=text, kind=GUEST_EMAIL_KIND, language=language
        )
        sent += 1
    return sent


# The emails and notifications about a date that go out later: (subject, body) in the active language.


def _promoted_message(wijk, occurrence):
    title = _("A place opened up: you are going to %(event)s on %(date)s") % {
        "event": occurrence.event.title,
        "date": _when(wijk, occurrence),
    }
    return title, ""


def _in_each_language(message, wijk, occurrence):
    """A message's title and body, written when read: `notify` reads them in each member's own language."""
    return (
        lazy(lambda: message(wijk, occurrence)[0], str)(),
        lazy(lambda: message(wijk, occurrence)[1], str)(),
    )


def _reminder_message(wijk, occurrence):
    title = _("Tomorrow: %(event)s, %(date)s") % {"event": occurrence.event.title, "date": _when(wijk, occurrence)}
    return title, _place_text(occurrence.event)


def _cancelled_message(wijk, occurrence):
    title = _("Cancelled: %(event)s on %(date)s") % {"event": occurrence.event.title, "date": _when(wijk, occurrence)}
    return title, ""


# --- reminders --------------------------------------------------------------------------------------------


def reminders_send(*, wijk, now=None):
    """Remind everyone going to a date of tomorrow (in the wijk's time zone); each date is reminded once."""
    now = now or timezone.now()
    tz = wijk.tz
    tomorrow = now.astimezone(tz).date() + timedelta(days=1)
    start = datetime.combine(tomorrow, time.min, tzinfo=tz)
    end = datetime.combine(tomorrow + timedelta(days=1), time.min, tzinfo=tz)
    due = (
        Occurrence.objects.in_wijk(wijk)
        .filter(
            starts_at__gte=start,
            starts_at__lt=end,
            cancelled=False,
            reminded_at__isnull=True,
            event__cancelled_at__isnull=True,
            event__hidden_at__isnull=True,
        )
        .select_related("event", "event__point")
    )
    sent = 0
    for occurrence in due:
        with transaction.atomic():
            claimed = (
                Occurrence.objects.in_wijk(wijk)
                .filter(pk=occurrence.pk, reminded_at__isnull=True)
                .update(reminded_at=now)
            )
            if not claimed:
                continue
            going = list(
                RSVP.objects.in_wijk(wijk)
                .filter(occurrence=occurrence, status=RSVP.Status.GOING)
                .select_related("user")
            )
            people = [r.user for r in going if r.user_id]
            sent += _email_guests(wijk=wijk, occurrence=occurrence, rsvps=going, message=_reminder_message)
            title, body = _in_each_language(_reminder_message, wijk, occurrence)
            _notify(
                wijk=wijk,
                recipients=people,
                kind="event_reminder",
                title=title,
                url=_occurrence_url(wijk, occurrence),
                body=body,
            )
            sent += len(people)
    return sent


# --- personal calendar feed -------------------------------------------------------------------------------


def _signer(wijk):
    return signing.Signer(salt=f"events.personal-feed.{wijk.pk}")


def calendar_token(*, wijk, user):
    """The private token of a member's calendar of the events they go to (made on first use)."""
    require(user, "event.rsvp", wijk)
    feed, _created = CalendarFeed.objects.in_wijk(wijk).get_or_create(wijk=wijk, user=user)
    return _signer(wijk).sign(f"{user.pk}.{feed.secret}")


def calendar_token_regenerate(*, wijk, user):
    """A new private address; the old one stops working at once."""
    from .models import new_calendar_secret

    require(user, "event.rsvp", wijk)
    feed, created = CalendarFeed.objects.in_wijk(wijk).get_or_create(wijk=wijk, user=user)
    if not created:
        feed.secret = new_calendar_secret()
        feed.save(update_fields=["secret", "created_at"])
    return _signer(wijk).sign(f"{user.pk}.{feed.secret}")


def calendar_token_read(*, wijk, token):
    """The user id of a valid token for this wijk, or None."""
    try:
        value = _signer(wijk).unsign(token)
        user_id, secret = value.split(".", 1)
        user_id = int(user_id)
    except (signing.BadSignature, ValueError):
        return None
    if not CalendarFeed.objects.in_wijk(wijk).filter(user_id=user_id, secret=secret).exists():
        return None
    return user_id


# --- helpers ----------------------------------------------------------------------------------------------


def _when(wijk, occurrence):
    return date_format(occurrence.starts_at.astimezone(wijk.tz), "DATETIME_FORMAT")


def _occurrence_url(wijk, occurrence):
    return reverse("events:occurrence", kwargs={"wijk_slug": wijk.slug, "pk": occurrence.pk})


def _place_text(event):
    if event.place == Event.Place.ONLINE:
        return event.online_url
    if event.place == Event.Place.POINT and event.point_id:
        return str(event.point)
    return event.address


def _notify(*, wijk, recipients, kind, title, url, body=""):
    if recipients:
        notify(wijk=wijk, recipients=recipients, kind=kind, title=title, url=url, body=body)


def _notify_cancelled(*, wijk, occurrence, by):
    answered = list(
        RSVP.objects.in_wijk(wijk)
        .filter(occurrence=occurrence, status__in=[RSVP.Status.GOING, RSVP.Status.WAITING, RSVP.Status.MAYBE])
        .select_related("user")
    )
    if not answered:
        return
    people = [r.user for r in answered if r.user_id]
    _email_guests(wijk=wijk, occurrence=occurrence, rsvps=answered, message=_cancelled_message, with_cancel_link=False)
    if not people:
        return
    title, _body = _in_each_language(_cancelled_message, wijk, occurrence)
    notify(
        wijk=wijk,
        recipients=people,
        kind="event_cancelled",
        title=title,
        url=_occurrence_url(wijk, occurrence),
        actor=by,
    )


def _index(*, wijk, event):
    index_document(
        wijk=wijk,
        obj=event,
        kind="event",
        title=event.title,
        body=plain_text(event.description),
        url=event.get_absolute_url(),
        public=event.hidden_at is None,
        published_at=event.created_at,
    )


def _unindex(*, wijk, event):
    remove_document(wijk=wijk, obj=event)
