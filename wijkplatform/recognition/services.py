"""Every write of recognition: logging and confirming hours, consent to be shown, neighbour of the month."""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkplatform.core.capabilities import can
from wijkplatform.core.services import require

from .models import HoursLog, Nomination, VolunteerProfile


def this_month(wijk):
    return timezone.localdate(timezone=wijk.tz).replace(day=1)


def hours_log(*, wijk, kind, what_for, date, hours, link="", by):
    require(by, "volunteer.log_hours", wijk)
    if kind not in HoursLog.Kind.values:
        raise ValidationError(_("Choose what the hours were for."))
    what_for = (what_for or "").strip()
    if not what_for:
        raise ValidationError(_("Say what you did."))
    today = timezone.localdate(timezone=wijk.tz)
    if date is None or date > today:
        raise ValidationError(_("Hours can only be logged for today or a day in the past."))
    if date < today - timedelta(days=366):
        raise ValidationError(_("Hours can be logged up to a year back."))
    try:
        hours = Decimal(str(hours))
    except InvalidOperation:
        raise ValidationError(_("Give the number of hours, for example 2.5.")) from None
    if not Decimal("0.5") <= hours <= 24:
        raise ValidationError(_("Give between half an hour and 24 hours for one day."))
    return HoursLog.objects.create(
        wijk=wijk,
        volunteer=by,
        kind=kind,
        what_for=what_for[:200],
        link=link or "",
        date=date,
        hours=hours.quantize(Decimal("0.1")),
    )


def hours_confirm(*, wijk, log, confirmed, by):
    require(by, "volunteer.confirm_hours", wijk)
    if log.volunteer_id == by.pk:
        raise ValidationError(_("Another coordinator confirms your own hours."))
    if log.status != HoursLog.Status.PENDING:
        raise ValidationError(_("These hours are handled already."))
    log.status = HoursLog.Status.CONFIRMED if confirmed else HoursLog.Status.DECLINED
    log.confirmed_by = by
    log.confirmed_at = timezone.now()
    log.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    return log


def profile_set(*, wijk, user, show_publicly):
    require(user, "volunteer.log_hours", wijk)
    profile, _created = VolunteerProfile.objects.in_wijk(wijk).get_or_create(
        wijk=wijk, user=user, defaults={"show_publicly": show_publicly}
    )
    if profile.show_publicly != show_publicly:
        profile.show_publicly = show_publicly
        profile.save(update_fields=["show_publicly"])
    return profile


def nominate(*, wijk, nominee, reason, by):
    require(by, "neighbour.nominate", wijk)
    if nominee.pk == by.pk:
        raise ValidationError(_("You cannot nominate yourself. Who in the wijk would you like to thank?"))
    if not can(nominee, "neighbour.nominate", wijk):
        raise ValidationError(_("You can nominate members of this wijk."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why this neighbour deserves it."))
    try:
        with transaction.atomic():
            return Nomination.objects.create(
                wijk=wijk, month=this_month(wijk), nominee=nominee, nominated_by=by, reason=reason[:1000]
            )
    except IntegrityError:
        raise ValidationError(_("You nominated this neighbour this month already.")) from None


def choose(*, wijk, nomination, by):
    """The editors choose the neighbour of the month among the nominations of that month."""
    require(by, "neighbour.choose", wijk)
    with transaction.atomic():
        Nomination.objects.in_wijk(wijk).filter(month=nomination.month, chosen=True).update(
            chosen=False, chosen_by=None
        )
        Nomination.objects.in_wijk(wijk).filter(pk=nomination.pk).update(chosen=True, chosen_by=by)
        from django.urls import reverse

        from wijkplatform.notifications.services import notify

        notify(
            wijk=wijk,
            recipients=[nomination.nominee],
            kind="neighbour_of_the_month",
            actor=by,
            title=_("You are the neighbour of the month in %(wijk)s!") % {"wijk": wijk.name},
            url=reverse("recognition:volunteers", kwargs={"wijk_slug": wijk.slug}),
        )
    nomination.chosen = True
    return nomination
