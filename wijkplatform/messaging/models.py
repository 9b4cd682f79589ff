"""Private messages between members who share a wijk: conversations (one-to-one or a small group).

A conversation belongs to the wijk it was started in. Message bodies are not registered in the admin:
staff cannot read them; a message that someone reports is shown to the editors of that wijk.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.models import WijkScopedModel

MAX_PEOPLE = 8  # a small group: the sender and up to seven others


class MessagingSettings(models.Model):
    """Who may start a conversation with me. Global: one choice for all my wijken."""

    class Who(models.TextChoices):
        EVERYONE = "everyone", _("Everyone in my wijken")
        RESPONDED = "responded", _("Only people I have answered before")
        NOBODY = "nobody", _("Nobody")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    who_may_message = models.CharField(
        _("who may send me a message"), max_length=10, choices=Who.choices, default=Who.EVERYONE
    )

    def __str__(self):
        return f"{self.user_id}: {self.who_may_message}"


class Block(models.Model):
    """A person blocks another: that person cannot message or mention them anywhere. Global."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="messaging_block_once")]

    def __str__(self):
        return f"{self.blocker_id} blocks {self.blocked_id}"


class Conversation(WijkScopedModel):
    shown_on_public_pages = False
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["wijk", "last_message_at"])]

    def get_absolute_url(self):
        return reverse("messaging:conversation", kwargs={"wijk_slug": self.wijk.slug, "pk": self.pk})


class Participant(WijkScopedModel):
    shown_on_public_pages = False
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wijk", "conversation", "user"], name="messaging_participant_once"),
        ]
        indexes = [models.Index(fields=["wijk", "user"])]


class Message(WijkScopedModel):
    shown_on_public_pages = False
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["wijk", "conversation", "created_at"])]


class MessageReport(WijkScopedModel):
    """A participant shows one message to the editors of the conversation's wijk."""

    shown_on_public_pages = False

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("what is wrong with this message"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.CharField(_("what the editors did"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wijk", "message", "reporter"], name="messaging_report_once"),
        ]
        indexes = [models.Index(fields=["wijk", "resolved_at"])]
