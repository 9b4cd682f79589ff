"""In-app notifications, per-kind preferences, digests and the email outbox (nothing is lost)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.models import WijkScopedModel


class Channel(models.TextChoices):
    OFF = "off", _("Off")
    IN_APP = "in_app", _("In the app only")
    EMAIL = "email", _("In the app and by email at once")
    DIGEST = "digest", _("In the app and in my digest")


class Period(models.TextChoices):
    OFF = "off", _("No digest")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class Notification(WijkScopedModel):
    """Something a person should know about, shown under the bell."""

    shown_on_public_pages = False

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=False)
    read_at = models.DateTimeField(null=True, blank=True)
    # The person chose the digest for this kind: it goes out in their next digest, then digested_at is set.
    in_digest = models.BooleanField(default=False)
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["wijk", "recipient", "read_at"], name="notif_wijk_recipient_read"),
            models.Index(fields=["wijk", "recipient", "-created_at"], name="notif_wijk_recipient_created"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_read(self):
        return self.read_at is not None


class NotificationPreference(WijkScopedModel):
    """How a person wants to hear about one kind of notification in one wijk."""

    shown_on_public_pages = False

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=40)
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wijk", "user", "kind"], name="notif_pref_unique_per_wijk")
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {self.channel}"


class DigestSetting(WijkScopedModel):
    """How often a person gets the wijk's digest (new posts, upcoming events, new stories)."""

    shown_on_public_pages = False

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("digest"), max_length=10, choices=Period.choices, default=Period.WEEKLY)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wijk", "user"], name="digest_setting_unique_per_wijk")
        ]


class DigestSent(WijkScopedModel):
    """A digest that went into the outbox: recorded so the same digest is never sent twice."""

    shown_on_public_pages = False

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=10, choices=Period.choices)
    period_start = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wijk", "user", "period", "period_start"], name="digest_sent_once_per_period"
            )
        ]


class EmailSuppression(WijkScopedModel):
    """An address without an account that unsubscribed from one kind of email in this wijk."""

    shown_on_public_pages = False

    email = models.EmailField()
    kind = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wijk", "email", "kind"], name="email_suppression_unique_per_wijk"
            )
        ]


class OutboxMessage(WijkScopedModel):
    """An email waiting to be sent; written in the same transaction as the change that caused it."""

    shown_on_public_pages = False

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_email = models.EmailField()
    kind = models.CharField(max_length=40)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["wijk", "status", "next_attempt_at"], name="outbox_wijk_status_next")]

    def __str__(self):
        return f"{self.to_email}: {self.subject} ({self.status})"
