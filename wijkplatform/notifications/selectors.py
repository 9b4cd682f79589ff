from django.http import Http404

from wijkplatform.core.pagecache import forget, kept_until_forgotten

from . import kinds as kinds_module
from .models import DigestSetting, Notification, NotificationPreference, Period


def unread_count(*, wijk, user):
    """How many of this person's notifications in the wijk are unread: the bell on each of their pages. Kept
    until one arrives or is read (`forget_unread_counts`)."""
    if not user.is_authenticated or wijk is None:
        return 0
    return kept_until_forgotten(
        unread_name(wijk.pk, user.pk),
        lambda: Notification.objects.in_wijk(wijk).filter(recipient=user, read_at__isnull=True).count(),
    )


def forget_unread_counts(*, wijk, user_ids):
    forget([unread_name(wijk.pk, pk) for pk in user_ids])


def unread_name(wijk_id, user_id):
    return f"notifications:unread:{wijk_id}:{user_id}"


def notifications_for(*, wijk, user):
    return (
        Notification.objects.in_wijk(wijk)
        .filter(recipient=user)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def notification_get_for(*, wijk, user, pk):
    notification = Notification.objects.in_wijk(wijk).filter(recipient=user, pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def preferences_of(*, wijk, user):
    """[(kind, label, channel)] for every known kind and every kind the person has received."""
    chosen = dict(
        NotificationPreference.objects.in_wijk(wijk).filter(user=user).values_list("kind", "channel")
    )
    received = set(
        Notification.objects.in_wijk(wijk).filter(recipient=user).values_list("kind", flat=True).distinct()
    )
    kinds = list(kinds_module.KINDS) + sorted((received | set(chosen)) - set(kinds_module.KINDS))
    return [
        (kind, kinds_module.kind_label(kind), chosen.get(kind, kinds_module.default_channel(kind)))
        for kind in kinds
    ]


def channel_for(*, wijk, user, kind):
    chosen = NotificationPreference.objects.in_wijk(wijk).filter(user=user, kind=kind).first()
    return chosen.channel if chosen else kinds_module.default_channel(kind)


def digest_period_of(*, wijk, user):
    setting = DigestSetting.objects.in_wijk(wijk).filter(user=user).first()
    return setting.period if setting else Period.WEEKLY
