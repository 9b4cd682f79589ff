"""Every write of the notifications app: notify, email through the outbox, send it, preferences, unsubscribe.

`notify()` and `email_send()` write to the database in the caller's transaction (the outbox): a broker or a
mail server that is down delays an email but never loses it. `outbox_send_pending()` sends what is due.
"""

import logging
import smtplib
import time
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.mail.utils import DNS_NAME
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import punycode
from django.utils.translation import gettext as _

from wijkplatform.core.tenancy import cross_wijk

from . import kinds as kinds_module
from . import selectors
from .models import (
    Channel,
    DigestSetting,
    EmailSuppression,
    Notification,
    NotificationPreference,
    OutboxMessage,
    Period,
)
from .tokens import make_token, read_token

logger = logging.getLogger(__name__)

MAX_PERMANENT_ATTEMPTS = 5  # a message the server keeps refusing is marked failed after this many tries
MAX_BACKOFF = timedelta(minutes=30)
# A message "being sent" this long belonged to a worker that died: it goes back to the queue. A worker claims
# each message just before sending it, and sending one takes at most a few SMTP replies of EMAIL_TIMEOUT
# (10 s) each (MAIL, RCPT, DATA, the text, the final reply: under a minute) plus, at worst, the database
# pool's 30 s wait for a connection to load it and to mark it sent: about two minutes. Five minutes is well
# beyond that, so a live worker's claim is never taken from it, and a dead worker's email is at most about
# six minutes late (this plus beat's minute).
STALE_CLAIM = timedelta(minutes=5)


# --- notify and email_send: the cross-app interface -----------------------------------------------------


def notify(*, wijk, recipients, kind, title, url, actor=None, body=""):
    """Notify people of this wijk, each by their preference for this kind: in-app, email now, digest, off.

    Writes the notifications and the emails (outbox) in the caller's transaction. The actor is never
    notified of their own action; people who are not active members of the wijk are left out. A `title` or
    `body` given lazily (`gettext_lazy`, `django.utils.functional.lazy`) is written in each person's language.
    Returns the notifications created.
    """
    from wijkplatform.wijken.models import Membership

    if not kind or len(kind) > 40:
        raise ValueError("notify() needs a short kind")
    by_id = {}
    for user in recipients or ():
        if user is not None and user.pk and (actor is None or user.pk != actor.pk):
            by_id[user.pk] = user
    if not by_id:
        return []
    member_ids = set(
        Membership.objects.in_wijk(wijk)
        .filter(user_id__in=list(by_id), status=Membership.Status.ACTIVE)
        .values_list("user_id", flat=True)
    )
    chosen = dict(
        NotificationPreference.objects.in_wijk(wijk)
        .filter(user_id__in=list(member_ids), kind=kind)
        .values_list("user_id", "channel")
    )
    default = kinds_module.default_channel(kind)
    url = str(url or "")[:500]
    texts = {}

    def texts_for(user):
        language = language_for(wijk=wijk, user=user)
        if language not in texts:
            with translation.override(language):
                texts[language] = (str(title)[:300], str(body))
        return texts[language]

    notifications, messages = [], []
    for user_id in sorted(member_ids):
        user = by_id[user_id]
        channel = chosen.get(user_id, default)
        if channel == Channel.OFF:
            continue
        title_text, body_text = texts_for(user)
        notifications.append(
            Notification(
                wijk=wijk,
                recipient=user,
                kind=kind,
                title=title_text,
                body=body_text,
                url=url,
                actor=actor,
                in_digest=channel == Channel.DIGEST,
            )
        )
        if channel == Channel.EMAIL and user.email:
            messages.append(
                _notification_email(wijk=wijk, user=user, kind=kind, title=title_text, body=body_text, url=url)
            )
    with transaction.atomic():
        Notification.objects.bulk_create(notifications)
        OutboxMessage.objects.bulk_create(messages)
    selectors.forget_unread_counts(wijk=wijk, user_ids=[note.recipient_id for note in notifications])
    if messages:
        transaction.on_commit(kick_outbox)
    return notifications


def email_send(*, wijk, to_email, subject, body, kind, language=None):
    """An email to an address without an account (a help-desk asker), through the outbox.

    `language` is the one the body is written in, for the footer; by default the wijk's. Returns the outbox
    message, or None when the address unsubscribed from this kind in this wijk.
    """
    to_email = (to_email or "").strip()
    try:
        validate_email(to_email)
    except ValidationError:
        raise ValidationError(
            _("“%(email)s” is not a valid email address."), params={"email": to_email}
        ) from None
    if EmailSuppression.objects.in_wijk(wijk).filter(email__iexact=to_email, kind=kind).exists():
        return None
    token = make_token(wijk=wijk, kind=kind, email=to_email)
    unsubscribe_url = _absolute(
        reverse("notifications:unsubscribe", kwargs={"wijk_slug": wijk.slug, "token": token})
    )
    with translation.override(language or wijk.language or settings.LANGUAGE_CODE):
        footer = render_to_string(
            "notifications/email/footer_address.txt",
            {"wijk": wijk, "unsubscribe_url": unsubscribe_url, "BRAND_NAME": settings.BRAND_NAME},
        )
    message = OutboxMessage.objects.create(
        wijk=wijk,
        to_email=to_email,
        kind=kind,
        subject=one_line(subject)[:300],
        body=f"{body}\n\n{footer}",
        headers=_unsubscribe_headers(unsubscribe_url),
    )
    transaction.on_commit(kick_outbox)
    return message


# --- building emails --------------------------------------------------------------------------------------


def one_line(text):
    """A subject is one line: a newline in a header is refused by the mail library."""
    return " ".join(str(text).split())


def _absolute(url):
    if url.startswith("/"):
        return settings.SITE_URL + url
    return url


def _unsubscribe_headers(unsubscribe_url):
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }


def language_for(*, wijk, user):
    return getattr(user, "preferred_language", "") or wijk.language or settings.LANGUAGE_CODE


def unsubscribe_url_for(*, wijk, user, kind):
    token = make_token(wijk=wijk, kind=kind, user=user)
    return _absolute(reverse("notifications:unsubscribe", kwargs={"wijk_slug": wijk.slug, "token": token}))


def outbox_message_for_member(*, wijk, user, kind, subject, template, context):
    """An unsaved outbox message to a member, rendered in their language, with the unsubscribe headers."""
    unsubscribe_url = unsubscribe_url_for(wijk=wijk, user=user, kind=kind)
    preferences_url = _absolute(reverse("notifications:preferences", kwargs={"wijk_slug": wijk.slug}))
    with translation.override(language_for(wijk=wijk, user=user)), timezone.override(wijk.tz):
        body = render_to_string(
            template,
            {
                **context,
                "wijk": wijk,
                "user": user,
                "kind_label": kinds_module.kind_label(kind),
                "unsubscribe_url": unsubscribe_url,
                "preferences_url": preferences_url,
                "BRAND_NAME": settings.BRAND_NAME,
            },
        )
        subject = one_line(subject)
    return OutboxMessage(
        wijk=wijk,
        recipient=user,
        to_email=user.email,
        kind=kind,
        subject=subject[:300],
        body=body,
        headers=_unsubscribe_headers(unsubscribe_url),
    )


def _notification_email(*, wijk, user, kind, title, body, url):
    return outbox_message_for_member(
        wijk=wijk,
        user=user,
        kind=kind,
        subject=f"{wijk.name}: {title}",
        template="notifications/email/notification.txt",
        context={"title": title, "body": body, "link": _absolute(url) if url else ""},
    )


# --- sending the outbox ---------------------------------------------------------------------------------


# Trying a broker that is down makes the request wait (~2 s with Redis gone). After a failure the broker is
# left alone for BROKER_PAUSE seconds: the emails wait in the outbox, and beat sends it every minute anyway.
BROKER_PAUSE = 30
_broker_down = {"url": None, "until": 0.0}  # the broker that failed, and the time.monotonic() to try it again


def kick_outbox(*, clock=time.monotonic):
    """Ask a worker to send the outbox now. A broker that is down is fine: the periodic task sends later."""
    from kombu.exceptions import OperationalError

    from .tasks import send_outbox

    url = send_outbox.app.conf.broker_url
    now = clock()
    if _broker_down["url"] == url and now < _broker_down["until"]:
        return
    try:
        send_outbox.apply_async(retry=False)
    except OperationalError:  # the broker is unreachable: not again for a while, and say so once
        if _broker_down["url"] != url:
            logger.warning(
                "The task broker is unreachable; the periodic task will send the outbox. Not trying the broker "
                "again for %s s.",
                BROKER_PAUSE,
                exc_info=True,
            )
        _broker_down.update(url=url, until=now + BROKER_PAUSE)
    except Exception:  # noqa: BLE001 - queueing must never break the request
        logger.warning("Could not queue the outbox sender; the periodic task will send it", exc_info=True)
    else:
        if _broker_down["url"] == url:
            logger.info("The task broker is reachable again")
        _broker_down.update(url=None, until=0.0)


def outbox_message_id(message):
    """The Message-ID of an outbox email: the same each time it is sent, so the copy a resend after a crash
    delivers (the server had accepted it, the worker died before marking it sent) can be recognised and
    dropped by mail servers and clients. The row's creation time is in it too, so a row id that comes back
    (a database restored from a backup, a staging copy) never repeats an id a mailbox has already seen."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    _user, at, domain = address.rpartition("@")
    if not at or not domain:
        domain = str(DNS_NAME)
    created = int(message.created_at.timestamp())
    return f"<outbox-{message.pk}.{created}.wijk-{message.wijk_id}@{punycode(domain)}>"


def _backoff(attempts):
    return min(timedelta(minutes=1) * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _is_permanent(error):
    """A refusal by the mail server (5xx) is permanent; anything else (down, timeout, 4xx) is temporary."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return isinstance(error, (ValueError, UnicodeError))


def outbox_send_pending(*, limit=200, ignore_schedule=False):
    """Send the emails that are due; return {"sent": n, "deferred": n, "failed": n}.

    Each message is claimed just before it is sent (pending -> sending, with the time of that claim) by a
    conditional UPDATE, so two workers never send the same one, and a claim older than STALE_CLAIM means
    its worker died. A server that is down leaves everything pending with a growing delay; a message the
    server refuses is retried a few times and then marked failed (`send_outbox --retry-failed` puts failed
    ones back).
    """
    now = timezone.now()
    counts = {"sent": 0, "deferred": 0, "failed": 0}
    with cross_wijk("the outbox sender serves every wijk"):
        OutboxMessage.objects.filter(
            status=OutboxMessage.Status.SENDING, claimed_at__lt=now - STALE_CLAIM
        ).update(status=OutboxMessage.Status.PENDING)
        due = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
        if not ignore_schedule:
            due = due.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        candidates = list(due.order_by("id").values_list("pk", "wijk_id")[:limit])
    if not candidates:
        return counts
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as error:  # noqa: BLE001 - the server is down: defer everything, lose nothing
        for pk, wijk_id in candidates:
            if _defer(pk, wijk_id, error, now, status=OutboxMessage.Status.PENDING):
                counts["deferred"] += 1
        return counts
    try:
        for index, (pk, wijk_id) in enumerate(candidates):
            claimed = OutboxMessage.objects.filter(
                wijk_id=wijk_id, pk=pk, status=OutboxMessage.Status.PENDING
            ).update(status=OutboxMessage.Status.SENDING, claimed_at=timezone.now())
            if not claimed:
                continue
            message = OutboxMessage.objects.get(wijk_id=wijk_id, pk=pk)
            try:
                EmailMessage(
                    subject=message.subject,
                    body=message.body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[message.to_email],
                    headers={**(message.headers or {}), "Message-ID": outbox_message_id(message)},
                    connection=connection,
                ).send()
            except Exception as error:  # noqa: BLE001
                if _is_permanent(error):
                    if _fail_or_retry(message, error, now):
                        counts["failed"] += 1
                    else:
                        counts["deferred"] += 1
                    continue
                # The server went away: this one and the rest wait for the next round.
                _defer(pk, wijk_id, error, now, status=OutboxMessage.Status.SENDING)
                counts["deferred"] += 1
                for rest_pk, rest_wijk_id in candidates[index + 1 :]:
                    if _defer(rest_pk, rest_wijk_id, error, now, status=OutboxMessage.Status.PENDING):
                        counts["deferred"] += 1
                break
            else:
                OutboxMessage.objects.filter(wijk_id=wijk_id, pk=pk).update(
                    status=OutboxMessage.Status.SENT,
                    sent_at=timezone.now(),
                    attempts=message.attempts + 1,
                    last_error="",
                )
                counts["sent"] += 1
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001, S110 - closing a broken connection may fail too
            pass
    return counts


def _defer(pk, wijk_id, error, now, *, status):
    """Put a message back with a delay, if it still has `status`: pending (not claimed by this worker) or
    sending (claimed by it). A message another worker claimed meanwhile is left alone. True when deferred."""
    message = OutboxMessage.objects.filter(wijk_id=wijk_id, pk=pk, status=status).first()
    if message is None:
        return False
    attempts = message.attempts + 1
    return bool(
        OutboxMessage.objects.filter(wijk_id=wijk_id, pk=pk, status=status).update(
            status=OutboxMessage.Status.PENDING,
            attempts=attempts,
            next_attempt_at=now + _backoff(attempts),
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
    )


def _fail_or_retry(message, error, now):
    """True when the message is now failed for good."""
    attempts = message.attempts + 1
    failed = attempts >= MAX_PERMANENT_ATTEMPTS
    OutboxMessage.objects.filter(wijk_id=message.wijk_id, pk=message.pk).update(
        status=OutboxMessage.Status.FAILED if failed else OutboxMessage.Status.PENDING,
        attempts=attempts,
        next_attempt_at=None if failed else now + _backoff(attempts),
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )
    if failed:
        logger.error("Outbox message %s to %s failed for good: %s", message.pk, message.to_email, error)
    return failed


def outbox_retry_failed():
    """Put failed messages back in the queue (after fixing whatever made them fail)."""
    with cross_wijk("the outbox sender serves every wijk"):
        return OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).update(
            status=OutboxMessage.Status.PENDING, next_attempt_at=None
        )


# --- in-app: reading ------------------------------------------------------------------------------------


def notification_mark_read(*, wijk, user, pk):
    """Mark one of the person's own notifications read; returns it (404 handled by the caller)."""
    notification = Notification.objects.in_wijk(wijk).filter(recipient=user, pk=pk).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        selectors.forget_unread_counts(wijk=wijk, user_ids=[user.pk])
    return notification


def notifications_mark_all_read(*, wijk, user):
    marked = (
        Notification.objects.in_wijk(wijk)
        .filter(recipient=user, read_at__isnull=True)
        .update(read_at=timezone.now())
    )
    selectors.forget_unread_counts(wijk=wijk, user_ids=[user.pk])
    return marked


# --- preferences and unsubscribing ---------------------------------------------------------------------


def preference_set(*, wijk, user, kind, channel):
    if channel not in Channel.values:
        raise ValidationError(_("Choose one of the options."))
    if not kind or len(kind) > 40:
        raise ValidationError(_("Unknown kind of notification."))
    NotificationPreference.objects.in_wijk(wijk).update_or_create(
        wijk=wijk, user=user, kind=kind, defaults={"channel": channel}
    )


def digest_period_set(*, wijk, user, period):
    if period not in Period.values:
        raise ValidationError(_("Choose one of the options."))
    DigestSetting.objects.in_wijk(wijk).update_or_create(wijk=wijk, user=user, defaults={"period": period})


def unsubscribe(*, wijk, token):
    """Turn off the kind of email named in a signed token: (kind, user or email), or None if invalid."""
    from wijkplatform.accounts.models import User

    payload = read_token(token)
    if payload is None or payload["w"] != wijk.pk:
        return None
    kind = payload["k"]
    if "u" in payload:
        user = User.objects.filter(pk=payload["u"]).first()
        if user is None:
            return None
        if kind == kinds_module.DIGEST:
            digest_period_set(wijk=wijk, user=user, period=Period.OFF)
        else:
            preference_set(wijk=wijk, user=user, kind=kind, channel=Channel.OFF)
        return kind, user
    EmailSuppression.objects.in_wijk(wijk).get_or_create(wijk=wijk, email=payload["e"].lower(), kind=kind)
    return kind, payload["e"]


# --- keeping little ----------------------------------------------------------------------------------------

KEEP_SENT = timedelta(days=30)
KEEP_READ = timedelta(days=180)


def prune(*, now=None):
    """Forget sent emails after a month and read notifications after half a year (privacy: they hold text)."""
    now = now or timezone.now()
    with cross_wijk("housekeeping over every wijk"):
        sent = OutboxMessage.objects.filter(
            status=OutboxMessage.Status.SENT, sent_at__lt=now - KEEP_SENT
        ).delete()[0]
        read = Notification.objects.filter(read_at__lt=now - KEEP_READ).delete()[0]
    return {"sent_emails": sent, "read_notifications": read}
