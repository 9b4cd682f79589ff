"""The wijktechnischedienst: FAQ, help tickets, canned answers, and recorded errors."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.models import WijkScopedModel


class Category(models.TextChoices):
    LOGIN = "login", _("I cannot log in")
    POSTING = "posting", _("How do I post?")
    PHONE = "phone", _("Help with my phone")
    BROKEN = "broken", _("Something is broken")
    OTHER = "other", _("Something else")


class FAQ(WijkScopedModel):
    """A question the help desk answers often, with its answer (Markdown)."""

    category = models.CharField(_("category"), max_length=10, choices=Category.choices, default=Category.OTHER)
    question = models.CharField(_("question"), max_length=200)
    answer = models.TextField(_("answer"), max_length=5000)
    keywords = models.CharField(
        _("extra search words"),
        max_length=300,
        blank=True,
        help_text=_("Words people use for this question, separated by spaces."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "question"]
        verbose_name = _("frequently asked question")
        verbose_name_plural = _("frequently asked questions")
        indexes = [models.Index(fields=["wijk", "is_published", "category"], name="faq_wijk_published")]

    def __str__(self):
        return self.question


def new_token():
    return secrets.token_urlsafe(24)


class Ticket(WijkScopedModel):
    """Someone asked the help desk for help."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        WAITING = "waiting", _("Waiting for the asker")
        SOLVED = "solved", _("Solved")
        CLOSED = "closed", _("Closed")

    OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.WAITING)

    category = models.CharField(_("what is it about"), max_length=10, choices=Category.choices)
    subject = models.CharField(_("in a few words"), max_length=150)
    question = models.TextField(_("your question"), max_length=5000)
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    asker_name = models.CharField(_("your name"), max_length=80, blank=True)
    asker_email = models.EmailField(_("your email address"), blank=True)
    asker_language = models.CharField(max_length=10, blank=True)
    token = models.CharField(max_length=64, default=new_token, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalation_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    solved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    rating_comment = models.CharField(max_length=500, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["wijk", "token"], name="ticket_token_unique_per_wijk")]
        indexes = [models.Index(fields=["wijk", "status", "created_at"], name="ticket_wijk_status_created")]

    def __str__(self):
        return f"#{self.pk} {self.subject}"

    def get_absolute_url(self):
        return reverse("helpdesk:ticket", kwargs={"wijk_slug": self.wijk.slug, "token": self.token})

    def desk_url(self):
        return reverse("helpdesk:desk_ticket", kwargs={"wijk_slug": self.wijk.slug, "pk": self.pk})

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def who(self):
        if self.asker_id:
            return self.asker.name
        return self.asker_name or self.asker_email

    @property
    def reply_email(self):
        return self.asker.email if self.asker_id else self.asker_email

    @property
    def first_response_time(self):
        return self.first_response_at - self.created_at if self.first_response_at else None

    @property
    def resolution_time(self):
        return self.solved_at - self.created_at if self.solved_at else None


class TicketMessage(WijkScopedModel):
    """A reply on a ticket, from a helper or the asker, or an internal note only helpers see."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_asker = models.BooleanField(default=False)
    internal = models.BooleanField(default=False)
    body = models.TextField(max_length=5000)
    faq = models.ForeignKey(FAQ, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["wijk", "ticket", "created_at"], name="ticketmsg_wijk_ticket")]


class CannedAnswer(WijkScopedModel):
    """A ready answer helpers pick when replying, usually pointing to an FAQ entry."""

    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), max_length=5000)
    faq = models.ForeignKey(
        FAQ,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="canned_answers",
        verbose_name=_("FAQ entry"),
    )

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["wijk", "title"], name="canned_wijk_title")]

    def __str__(self):
        return self.title


class ErrorRecord(models.Model):
    """An ERROR logged by the platform (global: an error may happen outside any wijk; wijk set when known)."""

    wijk = models.ForeignKey("wijken.Wijk", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    logger = models.CharField(max_length=200)
    level = models.CharField(max_length=20)
    message = models.TextField()
    path = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.level} {self.logger}"


class TaskFailure(models.Model):
    """A background task that raised, for the wijk health page. Global with a nullable wijk, like ErrorRecord:
    a task may concern no single wijk (a nightly job over all of them); the health page filters by wijk."""

    wijk = models.ForeignKey("wijken.Wijk", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    task = models.CharField(max_length=200)
    error = models.CharField(max_length=200, help_text="the class of the exception")
    # Only the exception's message, shortened, no arguments or traceback: volunteers read this page.
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["wijk", "created_at"], name="taskfailure_wijk_created")]

    def __str__(self):
        return f"{self.task}: {self.error}"
