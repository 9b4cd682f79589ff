"""The wijk budget (participatory budgeting): a round with an amount, plans with a cost, ballots within it."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.models import WijkScopedModel


class Round(WijkScopedModel):
    class Phase(models.TextChoices):
        SUBMISSION = "submission", _("Plans can be submitted")
        REVIEW = "review", _("Plans are being reviewed")
        VOTING = "voting", _("Voting")
        CLOSED = "closed", _("Closed: the winners are known")

    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=5000,
        help_text=_("Where the money comes from and what plans it is for."),
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, validators=[MinValueValidator(1)])
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices, default=Phase.SUBMISSION)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["wijk", "phase"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("budget:round", kwargs={"wijk_slug": self.wijk.slug, "pk": self.pk})


class Plan(WijkScopedModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        FEASIBLE = "feasible", _("Feasible")
        INFEASIBLE = "infeasible", _("Not feasible")

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what is the plan"), max_length=5000)
    cost = models.DecimalField(_("cost"), max_digits=12, decimal_places=2, validators=[MinValueValidator(1)])
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(_("review"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    review_reason = models.CharField(_("reason"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    votes = models.PositiveIntegerField(default=0, editable=False, help_text="counted when the round closes")
    won = models.BooleanField(default=False, editable=False)
    progress = models.CharField(_("progress"), max_length=12, choices=Progress.choices, default=Progress.NOT_STARTED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["wijk", "round", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("budget:plan", kwargs={"wijk_slug": self.wijk.slug, "pk": self.pk})


class Ballot(WijkScopedModel):
    """One member's choice of plans in a round; editable until the round closes. Always within the amount."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    total = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "round", "voter"], name="budget_one_ballot")]


class BallotPick(WijkScopedModel):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="picks")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="picks")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "ballot", "plan"], name="budget_pick_once")]


class ProgressUpdate(WijkScopedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField(_("what happened"), max_length=3000)
    photo = models.ImageField(_("photo"), upload_to="budget/", blank=True)
    progress = models.CharField(_("progress"), max_length=12, choices=Plan.Progress.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
