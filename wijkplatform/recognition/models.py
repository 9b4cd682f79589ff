"""Recognition of volunteers: logged hours, the public volunteers page, neighbour of the month."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.models import WijkScopedModel


class VolunteerProfile(WijkScopedModel):
    """A volunteer's consent to appear on the wijk's public volunteers page."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    show_publicly = models.BooleanField(_("show me on the volunteers page"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "user"], name="recognition_profile_once")]


class HoursLog(WijkScopedModel):
    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("An initiative")
        POINT_SHIFT = "point_shift", _("A shift at a LikeJeWijk Point")
        EDITING = "editing", _("Editing and writing")
        HELP_DESK = "help_desk", _("The help desk")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Not confirmed")

    volunteer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("for"), max_length=12, choices=Kind.choices)
    what_for = models.CharField(_("what did you do"), max_length=200)
    link = models.URLField(
        _("link (optional)"), blank=True, help_text=_("For example the page of the initiative or the Point.")
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0.5), MaxValueValidator(24)]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["wijk", "status", "date"]),
            models.Index(fields=["wijk", "volunteer"]),
        ]


class Nomination(WijkScopedModel):
    """A member nominates a neighbour (never themselves) for neighbour of the month; the editors choose."""

    month = models.DateField(help_text="the first day of the month")
    nominee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("neighbour")
    )
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("why this neighbour"), max_length=1000)
    chosen = models.BooleanField(default=False)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["wijk", "month", "nominee", "nominated_by"], name="recognition_nominate_once"
            ),
            models.UniqueConstraint(
                fields=["wijk", "month"],
                condition=models.Q(chosen=True),
                name="recognition_one_neighbour_of_the_month",
            ),
            models.CheckConstraint(
                condition=~models.Q(nominee=models.F("nominated_by")), name="recognition_not_oneself"
            ),
        ]
