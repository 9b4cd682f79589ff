"""LikeJeWijk Points: places to drop in, hosts, opening hours, and consent for assisted posting."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.models import WijkScopedModel


class PlacedAtPoint(models.Model):
    """Something a Point host placed for a resident who is not online, with their consent: by whom, and where.

    Posts, comments and RSVPs carry it; the page that shows one says "placed via <Point>"."""

    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A Point host who placed it for the resident."),
    )
    via_point = models.ForeignKey(
        "points.Point",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("placed via the LikeJeWijk Point"),
    )

    class Meta:
        abstract = True


class Point(WijkScopedModel):
    """A physical place in the wijk where people can drop in: a community centre, a library corner, a shop."""

    class Kind(models.TextChoices):
        COMMUNITY_CENTRE = "community_centre", _("Community centre")
        LIBRARY = "library", _("Library corner")
        PLAYGROUND = "playground", _("Playground")
        SHOP = "shop", _("Shop counter")
        CAFE = "cafe", _("Café")
        CARE = "care", _("Care or welfare office")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address in the site"), max_length=80)
    kind = models.CharField(_("kind of place"), max_length=20, choices=Kind.choices, default=Kind.COMMUNITY_CENTRE)
    address = models.CharField(_("street address"), max_length=200)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    photo = models.ImageField(_("photo"), upload_to="points/photos/", blank=True)
    photo_alt = models.CharField(_("photo description"), max_length=200, blank=True)
    description = models.TextField(_("about this Point"), blank=True, max_length=5000)
    activities = models.TextField(
        _("what you can do there"),
        blank=True,
        max_length=3000,
        help_text=_("One activity per line, for example: get help with the platform."),
    )
    accessibility = models.TextField(_("accessibility"), blank=True, max_length=2000)
    is_active = models.BooleanField(_("open to visitors"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("LikeJeWijk Point")
        verbose_name_plural = _("LikeJeWijk Points")
        constraints = [models.UniqueConstraint(fields=["wijk", "slug"], name="point_slug_unique_per_wijk")]
        indexes = [models.Index(fields=["wijk", "is_active", "name"], name="point_wijk_active_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("points:detail", kwargs={"wijk_slug": self.wijk.slug, "slug": self.slug})

    @property
    def activity_list(self):
        return [line.strip(" -*\t") for line in self.activities.splitlines() if line.strip(" -*\t")]

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None


class PointHost(WijkScopedModel):
    """A point host (role point_host in the wijk) assigned to a Point."""

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="host_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "point", "user"], name="pointhost_unique_per_wijk")]

    def __str__(self):
        return f"{self.user} @ {self.point_id}"


class OpeningHours(WijkScopedModel):
    """A weekly opening period: on a weekday, from a time to a later time (local time of the wijk)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        indexes = [models.Index(fields=["wijk", "point", "weekday"], name="hours_wijk_point_day")]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class OpeningException(WijkScopedModel):
    """A date on which the weekly hours do not apply: a holiday, a closure, or different hours."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday (closed)")
        CLOSED = "closed", _("Closed")
        DIFFERENT = "different", _("Different hours")

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CLOSED)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["date", "opens"]
        verbose_name = _("exception to the opening hours")
        verbose_name_plural = _("exceptions to the opening hours")
        indexes = [models.Index(fields=["wijk", "point", "date"], name="hoursexc_wijk_point_date")]

    def __str__(self):
        return f"{self.date} {self.kind}"

    @property
    def is_closed(self):
        return self.kind != self.Kind.DIFFERENT


class Consent(WijkScopedModel):
    """A resident's recorded consent that hosts of a Point may post, reply or RSVP on their behalf."""

    class Scope(models.TextChoices):
        ALL = "all", _("Posts, replies and RSVPs")
        POST = "post", _("Posts only")
        COMMENT = "comment", _("Replies only")
        RSVP = "rsvp", _("RSVPs only")

    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="consents")
    host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    given_at = models.DateTimeField(_("given at"))
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.ALL)
    note = models.CharField(_("how the consent was given"), max_length=300, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        indexes = [models.Index(fields=["wijk", "point", "resident"], name="consent_wijk_point_resident")]

    def __str__(self):
        return f"consent {self.resident_id} @ {self.point_id}"

    @property
    def is_active(self):
        return self.withdrawn_at is None

    def covers(self, action):
        return self.is_active and self.scope in (self.Scope.ALL, action)


class AssistedAction(WijkScopedModel):
    """What a host placed on behalf of a resident: the trail residents and coordinators can check."""

    class Action(models.TextChoices):
        POST = "post", _("Post")
        COMMENT = "comment", _("Reply")
        RSVP = "rsvp", _("RSVP")

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="assisted_actions")
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="actions")
    host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    summary = models.CharField(_("summary"), max_length=200)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["wijk", "point", "created_at"], name="assisted_wijk_point_created")]
