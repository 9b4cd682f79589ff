"""Community guidelines, reports (flags), moderation decisions, appeals and the append-only audit log."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.models import WijkQuerySet, WijkScopedModel


class Guideline(WijkScopedModel):
    """One of the wijk's community guidelines: what members agree to, and the reasons to report."""

    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("guideline"), max_length=120)
    text = models.TextField(_("explanation"), max_length=1000, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["wijk", "is_active", "position"])]
        verbose_name = _("community guideline")

    def __str__(self):
        return self.title


class JoinGuidelines(WijkScopedModel):
    """A member accepted the wijk's community guidelines (when joining, or later when asked)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "user"], name="guidelines_accepted_once")]


class Report(WijkScopedModel):
    """A member reports a piece of content (or a profile) for breaking a guideline."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DECIDED = "decided", _("Decided")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    guideline = models.ForeignKey(
        Guideline,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("which guideline does it break?"),
    )
    note = models.TextField(_("anything the editors should know?"), max_length=1000, blank=True)
    label = models.CharField(max_length=200, blank=True)
    excerpt = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decision = models.ForeignKey("Decision", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wijk", "content_type", "object_id", "reporter"], name="report_once_per_member"
            ),
        ]
        indexes = [models.Index(fields=["wijk", "status", "created_at"])]


class Decision(WijkScopedModel):
    class Action(models.TextChoices):
        KEEP = "keep", _("Keep: it is fine")
        HIDE = "hide", _("Hide, with a reason")
        REMOVE = "remove", _("Remove")
        WARN = "warn", _("Warn the member")
        SUSPEND = "suspend", _("Suspend the member for a time")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    label = models.CharField(max_length=200, blank=True)
    action = models.CharField(_("decision"), max_length=10, choices=Action.choices)
    guideline = models.ForeignKey(
        Guideline,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("guideline"),
    )
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    suspended_until = models.DateTimeField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["wijk", "created_at"])]


class Appeal(WijkScopedModel):
    """The author of hidden content asks the editors to look again: once per decision."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Waiting")
        UPHELD = "upheld", _("Decision stands")
        REVERSED = "reversed", _("Decision reversed")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="appeals")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("why should the editors look again?"), max_length=2000)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "decision"], name="appeal_once_per_decision")]


class Suspension(WijkScopedModel):
    """A member is suspended until a moment; the membership is active again afterwards."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField()
    decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, related_name="+")
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["wijk", "lifted_at", "until"])]


class AppendOnly(Exception):
    pass


class AuditQuerySet(WijkQuerySet):
    def update(self, **kwargs):
        raise AppendOnly("the moderation audit log is append-only")

    def delete(self):
        raise AppendOnly("the moderation audit log is append-only")


class AuditEntry(WijkScopedModel):
    """Append-only: rows are added, never changed or deleted.

    save() of an existing row, delete() and the queryset's update() and delete() all refuse."""

    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=30)
    target = models.CharField(max_length=200)
    detail = models.TextField(blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["wijk", "at"])]

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise AppendOnly("the moderation audit log is append-only")
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("the moderation audit log is append-only")
