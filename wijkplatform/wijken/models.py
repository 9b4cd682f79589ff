import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.capabilities import ROLE_CHOICES
from wijkplatform.core.models import WijkScopedModel

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give a colour as #rrggbb, for example #e4003a."))


def validate_slug_not_reserved(value):
    if value.lower() in settings.RESERVED_SLUGS:
        raise ValidationError(_("“%(slug)s” is reserved and cannot be the address of a wijk."),
                              params={"slug": value}, code="reserved")


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(tz)s” is not a time zone we know."), params={"tz": value}, code="tz")


class Wijk(models.Model):
    """A neighbourhood: the tenant. Everything a wijk owns points here."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: anyone can read what the wijk publishes")
        MEMBERS = "members", _("Members only")

    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("Anyone can join")
        APPROVAL = "approval", _("A coordinator approves new members")
        INVITE = "invite", _("With an invitation code")

    slug = models.SlugField(_("address"), max_length=60, unique=True, validators=[validate_slug_not_reserved])
    name = models.CharField(_("name"), max_length=120)
    city = models.CharField(_("city"), max_length=120)
    country = models.CharField(_("country code"), max_length=2, help_text=_("ISO 3166 code, for example NL."))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Amsterdam",
                                 validators=[validate_time_zone])
    language = models.CharField(_("main language"), max_length=10, default="nl")
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    description = models.TextField(_("about the wijk"), blank=True)
    colour = models.CharField(_("colour"), max_length=7, default="#e4003a", validators=[colour_validator])
    logo = models.ImageField(_("logo"), upload_to="wijken/logos/", blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.PUBLIC)
    join_policy = models.CharField(_("joining"), max_length=10, choices=JoinPolicy.choices,
                                   default=JoinPolicy.OPEN)
    invite_code = models.CharField(_("invitation code"), max_length=32, blank=True)
    is_active = models.BooleanField(_("live"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("wijken:home", kwargs={"wijk_slug": self.slug})

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)


class Membership(WijkScopedModel):
    """A person belongs to a wijk. Being an active member is the resident role."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PENDING = "pending", _("Waiting for approval")
        SUSPENDED = "suspended", _("Suspended")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "user"], name="membership_unique_per_wijk")]
        indexes = [models.Index(fields=["wijk", "status", "joined_at"])]

    def __str__(self):
        return f"{self.user} in {self.wijk_id}"


class RoleAssignment(WijkScopedModel):
    """A role someone holds in a wijk, besides being a resident."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wijk_roles")
    role = models.CharField(_("role"), max_length=20, choices=ROLE_CHOICES)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "user", "role"], name="role_unique_per_wijk")]

    def __str__(self):
        return f"{self.user} {self.role} in {self.wijk_id}"
