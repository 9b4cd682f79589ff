import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.capabilities import ROLE_CHOICES
from wijkplatform.core.models import WijkScopedModel
from wijkplatform.core.tenancy_context import cross_wijk

DEFAULT_COLOUR = "#e4003a"
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
    colour = models.CharField(_("colour"), max_length=7, default=DEFAULT_COLOUR, validators=[colour_validator])
    logo = models.ImageField(_("logo"), upload_to="wijken/logos/", blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.PUBLIC)
    join_policy = models.CharField(_("joining"), max_length=10, choices=JoinPolicy.choices,
                                   default=JoinPolicy.OPEN)
    invite_code = models.CharField(_("invitation code"), max_length=32, blank=True)
    cover = models.ImageField(_("cover photo"), upload_to="wijken/covers/", blank=True)
    languages = models.CharField(_("languages"), max_length=100, blank=True,
                                 help_text=_("Languages the wijk's content is written in, besides the main one."))
    parts_off = models.JSONField(_("parts switched off"), default=list, blank=True)
    guidelines_reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_active = models.BooleanField(_("live"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # Parts of a wijk a coordinator can switch off: (code, label, URL namespaces that belong to it).
    PARTS = [
        ("feed", _("Feed"), {"community"}),
        ("agenda", _("Agenda"), {"events"}),
        ("stories", _("Stories"), {"newsroom"}),
        ("points", _("LikeJeWijk Points"), {"points"}),
        ("helpdesk", _("Help desk"), {"helpdesk"}),
    ]

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

    def delete(self, *args, **kwargs):
        # Everything of the wijk goes with it: the cascade reads its rows by their parents.
        with cross_wijk("deleting a whole wijk"):
            return super().delete(*args, **kwargs)

    def part_is_on(self, namespace):
        """Whether the part of the wijk that a URL namespace belongs to is switched on."""
        return not any(namespace in namespaces for code, _label, namespaces in self.PARTS if code in self.parts_off)


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


class WijkRequest(models.Model):
    """Someone asks for their neighbourhood to get a wijk. Global: there is no wijk yet."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        MERGED = "merged", _("Merged into another request")

    class RequesterKind(models.TextChoices):
        RESIDENT = "resident", _("A resident")
        ORGANISATION = "organisation", _("An organisation")

    name = models.CharField(_("name of the neighbourhood"), max_length=120)
    city = models.CharField(_("city or town"), max_length=120)
    country = models.CharField(_("country"), max_length=2)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)
    why = models.TextField(_("why this neighbourhood"), max_length=3000)
    who = models.TextField(_("who is involved"), max_length=2000, blank=True)
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wijk_requests")
    requester_kind = models.CharField(_("you ask as"), max_length=15, choices=RequesterKind.choices,
                                      default=RequesterKind.RESIDENT)
    organisation_name = models.CharField(_("organisation"), max_length=160, blank=True)
    share_token = models.CharField(max_length=32, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    decline_reason = models.TextField(_("reason"), blank=True)
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    wijk = models.ForeignKey(Wijk, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.name}, {self.city}"

    def get_absolute_url(self):
        return reverse("start:request", kwargs={"token": self.share_token})


class WijkRequestSignature(models.Model):
    """A neighbour co-signs a request: one signature per person."""

    request = models.ForeignKey(WijkRequest, on_delete=models.CASCADE, related_name="signatures")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "user"], name="one_signature_per_person")]

    def __str__(self):
        return f"{self.user} signs {self.request}"


class Invitation(WijkScopedModel):
    """An invitation to join a wijk, by email; the link in it lets the person in whatever the join policy."""

    email = models.EmailField(_("email address"))
    token = models.CharField(max_length=32, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "token"], name="invitation_token_unique")]

    def __str__(self):
        return self.email
