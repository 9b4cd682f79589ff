"""Daily and weekly digests per member per wijk: new posts, upcoming events, new stories, and the
notifications a member chose to get in the digest. Each digest is recorded (`DigestSent`) in the same
transaction as its outbox email, so the same digest is never sent twice.

The content comes from the other apps' selectors: `community.selectors.posts_for`,
`events.selectors.events_upcoming`, `newsroom.selectors.stories_published`.
"""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from . import kinds as kinds_module
from .models import DigestSent, DigestSetting, Notification, Period
from .services import kick_outbox, language_for, outbox_message_for_member

WINDOWS = {Period.DAILY: timedelta(days=1), Period.WEEKLY: timedelta(days=7)}
# The beat task runs every hour; a wijk's digests go out from this hour on, in the wijk's own time zone.
LOCAL_HOUR = 7
DEFAULT_PERIOD = Period.WEEKLY
MAX_ITEMS = 8


def period_start(*, period, now, tz):
    """The day (daily) or the Monday (weekly) the digest belongs to, in the wijk's time zone."""
    today = timezone.localtime(now, tz).date()
    if period == Period.WEEKLY:
        return today - timedelta(days=today.weekday())
    return today


def _when(obj, *names):
    for name in names:
        value = getattr(obj, name, None)
        if isinstance(value, datetime):
            return value
    return None


def _since_filter(rows, since, *names):
    """Rows (a queryset or a list) dated on or after `since` by the first date field present."""
    if hasattr(rows, "filter") and hasattr(rows, "model") and not rows.query.is_sliced:
        field_names = {f.name for f in rows.model._meta.get_fields()}
        for name in names:
            if name in field_names:
                return rows.filter(**{f"{name}__gte": since})
    return [row for row in rows if (_when(row, *names) or since) >= since]


def _item(obj, wijk):
    """(title, url, when) of any row of another app, read defensively (an event date reads its event)."""
    target = getattr(obj, "event", None) or obj
    title = (
        getattr(target, "title", "") or getattr(target, "name", "") or getattr(target, "text", "") or str(obj)
    )
    title = Truncator(" ".join(str(title).split())).chars(120)
    url = None
    for candidate in (obj, target):
        try:
            url = candidate.get_absolute_url()
            break
        except Exception:  # noqa: BLE001, S112 - a row without an address links to the wijk
            continue
    url = url or wijk.get_absolute_url()
    return {
        "title": title,
        "url": url,
        "when": _when(obj, "starts_at", "start", "published_at", "created_at"),
    }


def wijk_content(*, wijk, since, reader):
    """The shared part of a wijk's digest; `reader` is any active member (members see the same feed)."""
    # Community, events and newsroom import notifications: a module-level import would be circular.
    from wijkplatform.community.selectors import posts_for
    from wijkplatform.events.selectors import events_upcoming
    from wijkplatform.newsroom.selectors import stories_published

    posts = list(_since_filter(posts_for(wijk=wijk, user=reader), since, "created_at")[:MAX_ITEMS])
    events = list(events_upcoming(wijk=wijk, limit=MAX_ITEMS))[:MAX_ITEMS]
    stories = list(_since_filter(stories_published(wijk=wijk), since, "published_at", "created_at")[:MAX_ITEMS])
    return {
        "posts": [_item(p, wijk) for p in posts],
        "events": [_item(e, wijk) for e in events],
        "stories": [_item(s, wijk) for s in stories],
    }


def _absolute_items(items):
    from .services import _absolute

    return [{**item, "url": _absolute(item["url"])} for item in items]


def digests_send(*, period, now=None, local_hour=None):
    """Put the digests of this period in the outbox for every member who chose it; returns how many.

    With `local_hour`, a wijk is skipped until that hour of its own day (the hourly beat task uses it, so
    Fitzroy and the Oude Noorden both get theirs in the morning); the command sends at once.
    """
    from wijkplatform.wijken.models import Membership, Wijk

    if period not in WINDOWS:
        raise ValueError(f"period must be daily or weekly, not {period!r}")
    now = now or timezone.now()
    since = now - WINDOWS[period]
    total = 0
    for wijk in Wijk.objects.filter(is_active=True).order_by("pk"):
        if local_hour is not None and timezone.localtime(now, wijk.tz).hour < local_hour:
            continue
        total += _digests_for_wijk(wijk=wijk, period=period, now=now, since=since, memberships=Membership)
    if total:
        transaction.on_commit(kick_outbox)
    return total


def _digests_for_wijk(*, wijk, period, now, since, memberships):
    start = period_start(period=period, now=now, tz=wijk.tz)
    chosen = dict(DigestSetting.objects.in_wijk(wijk).values_list("user_id", "period"))
    done = set(
        DigestSent.objects.in_wijk(wijk)
        .filter(period=period, period_start=start)
        .values_list("user_id", flat=True)
    )
    members = [
        m.user
        for m in memberships.objects.in_wijk(wijk)
        .filter(status=memberships.Status.ACTIVE, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
        if chosen.get(m.user_id, DEFAULT_PERIOD) == period and m.user_id not in done and m.user.email
    ]
    if not members:
        return 0
    shared = wijk_content(wijk=wijk, since=since, reader=members[0])
    personal = {}
    for note in Notification.objects.in_wijk(wijk).filter(
        recipient_id__in=[u.pk for u in members], in_digest=True, digested_at__isnull=True
    ):
        personal.setdefault(note.recipient_id, []).append(note)
    sent = 0
    for user in members:
        notes = personal.get(user.pk, [])
        if not (notes or shared["posts"] or shared["events"] or shared["stories"]):
            continue
        with translation.override(language_for(wijk=wijk, user=user)):
            subject = (
                _("%(wijk)s: your daily digest")
                if period == Period.DAILY
                else _("%(wijk)s: your weekly digest")
            ) % {"wijk": wijk.name}
        message = outbox_message_for_member(
            wijk=wijk,
            user=user,
            kind=kinds_module.DIGEST,
            subject=subject,
            template="notifications/email/digest.txt",
            context={
                "period": period,
                "posts": _absolute_items(shared["posts"]),
                "events": _absolute_items(shared["events"]),
                "stories": _absolute_items(shared["stories"]),
                "notes": notes,
                "wijk_url": _absolute_items([{"url": wijk.get_absolute_url()}])[0]["url"],
            },
        )
        try:
            with transaction.atomic():
                DigestSent.objects.create(wijk=wijk, user=user, period=period, period_start=start)
                message.save()
                if notes:
                    Notification.objects.in_wijk(wijk).filter(pk__in=[n.pk for n in notes]).update(
                        digested_at=now
                    )
        except IntegrityError:
            continue  # another run sent this digest at the same moment
        sent += 1
    return sent
