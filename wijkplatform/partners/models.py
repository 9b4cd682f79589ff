"""Partner organisations: a global profile, a presence per wijk, and the people who represent it there."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.models import WijkScopedModel


class Organisation(models.Model):
    """An organisation with one profile, active in one or more wijken (global: see core/tenancy.py)."""

    class Kind(models.TextChoices):
        CARE = "care", _("Care provider")
        COMMUNITY_CENTRE = "community_centre", _("Community centre")
        PLAYGROUND = "playground", _("Playground")
        RESIDENTS = "residents", _("Residents' organisation")
        SCHOOL = "school", _("School")
        MUNICIPALITY = "municipality", _("Municipality")
        BUSINESS = "business", _("Local business")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    logo = models.ImageField(_("logo"), upload_to="partners/logos/", blank=True)
    offer = models.TextField(
        _("what we offer"), blank=True, help_text=_("Markdown: *italic*, **bold**, lists.")
    )
    contact = models.TextField(
        _("contact"),
        blank=True,
        max_length=1000,
        help_text=_("A phone number, an email address or how to reach you."),
    )
    opening_hours = models.TextField(_("opening hours"), blank=True, max_length=1000)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class PartnerPresence(WijkScopedModel):
    """An organisation is a partner of this wijk; a coordinator can mark it verified."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="presences")
    verified = models.BooleanField(_("verified"), default=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wijk", "organisation"], name="partnerpresence_unique_per_wijk"),
        ]

    def __str__(self):
        return f"{self.organisation} in {self.wijk_id}"

    def get_absolute_url(self):
        return reverse(
            "partners:detail", kwargs={"wijk_slug": self.wijk.slug, "org_slug": self.organisation.slug}
        )


class Representative(WijkScopedModel):
    """A person asks to act for an organisation in this wijk; once approved they post and publish as it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="representatives")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    motivation = models.CharField(_("your role at the organisation"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wijk", "organisation", "user"], name="representative_unique_per_wijk"
            ),
        ]
        indexes = [models.Index(fields=["wijk", "user", "status"])]

    def __str__(self):
        return f"{self.user} for {self.organisation} ({self.status})"

    @property
    def approved(self):
        return self.status == self.Status.APPROVED
