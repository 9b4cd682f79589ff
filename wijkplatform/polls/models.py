"""Quick polls and surveys: questions, choices, one response per person, answers."""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.models import WijkScopedModel


class Poll(WijkScopedModel):
    class Kind(models.TextChoices):
        POLL = "poll", _("Quick poll")
        SURVEY = "survey", _("Survey")

    class Results(models.TextChoices):
        AFTER_ANSWER = "after_answer", _("After answering")
        AFTER_CLOSE = "after_close", _("After it closes")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.POLL)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("introduction"), max_length=3000, blank=True)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    closes_at = models.DateTimeField(_("open until"))
    results = models.CharField(
        _("show the results"), max_length=15, choices=Results.choices, default=Results.AFTER_ANSWER
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("No link is kept between an answer and the person who gave it."),
    )
    guests_may_answer = models.BooleanField(
        _("visitors without an account may answer"),
        default=False,
        help_text=_("They confirm their answer through a link sent to their email address."),
    )
    salt = models.CharField(max_length=32, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["wijk", "published_at", "closes_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("polls:detail", kwargs={"wijk_slug": self.wijk.slug, "pk": self.pk})

    @property
    def is_closed(self):
        return self.closes_at <= timezone.now()

    @property
    def is_open(self):
        return self.published_at is not None and not self.is_closed

    def respondent_key(self, *, user=None, email=None):
        """A salted hash standing for the person, only to refuse a second answer.

        An anonymous survey must keep no link between an answer and a person, so its responses store no user
        foreign key and no email address: only this HMAC of the person's id (or confirmed email) keyed with
        the site's secret and this poll's random salt. From the database alone it cannot be turned back into a
        person, and it differs per poll, so answers of two polls cannot be joined either. (Whoever holds the
        SECRET_KEY as well as the database could test a guess; that is the limit of "no link", written here.)
        """
        identity = f"user:{user.pk}" if user is not None else f"email:{(email or '').strip().lower()}"
        key = f"{settings.SECRET_KEY}:{self.salt}".encode()
        return hmac.new(key, identity.encode(), hashlib.sha256).hexdigest()


class Question(WijkScopedModel):
    class Kind(models.TextChoices):
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        SCALE = "scale", _("Scale from 1 to 5")
        SHORT = "short", _("Short text")
        LONG = "long", _("Long text")

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    required = models.BooleanField(_("an answer is required"), default=True)

    SCALE = range(1, 6)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    @property
    def has_choices(self):
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)


class Choice(WijkScopedModel):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("choice"), max_length=200)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class Response(WijkScopedModel):
    """One person's answers to a poll; one per person through `respondent_key` (see Poll.respondent_key)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="responses")
    respondent_key = models.CharField(max_length=64, editable=False)
    # Only for polls that are not anonymous: who answered (a member) or the guest's email address.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    guest_email = models.EmailField(blank=True)
    confirmed = models.BooleanField(default=True, help_text="a guest's answer counts once their email confirms it")
    created_on = models.DateField(default=timezone.localdate, help_text="a day, not a time: less to correlate")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wijk", "poll", "respondent_key"], name="polls_one_answer_per_person"),
        ]


class Answer(WijkScopedModel):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="answers")
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=3000)

    class Meta:
        indexes = [models.Index(fields=["wijk", "question"])]
