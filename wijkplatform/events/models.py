"""The agenda: events, their dates (occurrences, stored as rows), RSVPs, and personal calendar feeds."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.models import ModeratedContent, WijkScopedModel
from wijkplatform.points.models import PlacedAtPoint


class Event(WijkScopedModel, ModeratedContent):
    class Place(models.TextChoices):
        ADDRESS = "address", _("At an address")
        ONLINE = "online", _("Online")
        POINT = "point", _("At a LikeJeWijk Point")

    class Recurrence(models.TextChoices):
        NONE = "", _("Once")
        WEEKLY = "weekly", _("Every week")
        BIWEEKLY = "biweekly", _("Every other week")
        MONTHLY = "monthly", _("Every month on the same weekday (for example the 2nd Tuesday)")

    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(
        _("description"), blank=True, max_length=10_000, help_text=_("Markdown: *italic*, **bold**, lists.")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=10, choices=Place.choices, default=Place.ADDRESS)
    address = models.CharField(_("address"), max_length=200, blank=True)
    online_url = models.URLField(_("link to join online"), blank=True)
    point = models.ForeignKey(
        "points.Point",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("LikeJeWijk Point"),
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("organiser"),
    )
    organiser_partner = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organised by (organisation)"),
    )
    cost = models.DecimalField(
        _("cost"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty when it is free."),
    )
    for_children = models.BooleanField(_("for children"), default=False)
    step_free = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessibility = models.CharField(_("accessibility notes"), max_length=500, blank=True)
    photo = models.ImageField(_("photo"), upload_to="events/", blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty when there is no limit.")
    )
    guests_may_rsvp = models.BooleanField(
        _("visitors without an account may sign up"),
        default=True,
        help_text=_("They confirm with a link sent to their email address. Otherwise only members can sign up."),
    )
    recurrence = models.CharField(
        _("repeats"), max_length=10, choices=Recurrence.choices, blank=True, default=Recurrence.NONE
    )
    repeat_until = models.DateField(_("repeats until"), null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["wijk", "starts_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"wijk_slug": self.wijk.slug, "pk": self.pk})

    @property
    def is_free(self):
        return not self.cost

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    @property
    def duration(self):
        return self.ends_at - self.starts_at


class Occurrence(WijkScopedModel):
    """One date of an event. A one-off event has one; a recurring event one per date up to a horizon."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="occurrences")
    original_start = models.DateTimeField(help_text="the date in the series, kept when the date is moved")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    moved = models.BooleanField(default=False)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["wijk", "event", "original_start"], name="occurrence_unique_per_wijk"
            ),
        ]
        indexes = [models.Index(fields=["wijk", "starts_at"])]

    def __str__(self):
        return f"{self.event_id} at {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("events:occurrence", kwargs={"wijk_slug": self.wijk.slug, "pk": self.pk})

    @property
    def is_past(self):
        return self.ends_at <= timezone.now()

    @property
    def is_off(self):
        return self.cancelled or self.event.cancelled_at is not None


class RSVP(WijkScopedModel, PlacedAtPoint):
    """A member's answer to a date, or a guest's (a visitor without an account, known by an email address).

    A guest's RSVP is PENDING until they confirm their address with the emailed link: a pending RSVP counts
    nowhere (no place taken, not in the attendee list). Their address is never shown to anyone.
    """

    class Status(models.TextChoices):
        GOING = "going", _("Going")
        MAYBE = "maybe", _("Maybe")
        NOT_GOING = "not_going", _("Not going")
        WAITING = "waiting", _("On the waiting list")
        PENDING = "pending", _("Waiting for the email address to be confirmed")

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    guest_email = models.EmailField(_("guest's email address"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text="a guest's: the language they signed up in, for the emails that follow; empty: the wijk's",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    waiting_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wijk", "occurrence", "user"], name="rsvp_unique_per_wijk"),
            models.UniqueConstraint(
                fields=["wijk", "occurrence", "guest_email"],
                condition=~models.Q(guest_email=""),
                name="rsvp_one_per_guest_email",
            ),
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False) & models.Q(guest_email=""))
                | (models.Q(user__isnull=True) & ~models.Q(guest_email="")),
                name="rsvp_member_or_guest",
            ),
        ]
        indexes = [models.Index(fields=["wijk", "user", "status"])]

    def __str__(self):
        return f"{self.user_id or 'guest'} {self.status} {self.occurrence_id}"

    @property
    def is_guest(self):
        return self.user_id is None


def new_calendar_secret():
    return secrets.token_urlsafe(12)


class CalendarFeed(WijkScopedModel):
    """The secret part of a member's personal calendar address; regenerating it revokes the old address."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    secret = models.CharField(max_length=40, default=new_calendar_secret)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "user"], name="calendarfeed_unique_per_wijk")]
