"""Idempotency keys for tasks: a task that may run twice (its worker died before it acknowledged the
message, so the broker hands it out again) records its key here and does its effect only once.

    with once(f"digest:{wijk.pk}:{day}") as first:
        if first:
            send_the_digest()
"""

import contextlib

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TaskReceipt(models.Model):
    """One row per idempotency key: how often a task started on it, and when it finished."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "core"

    def __str__(self):
        return f"{self.key} ({'done' if self.finished_at else 'open'})"


def start_attempt(key):
    """Record an attempt on `key`; return the receipt (finished_at set when an earlier attempt finished)."""
    receipt, _created = TaskReceipt.objects.get_or_create(key=key)
    TaskReceipt.objects.filter(pk=receipt.pk).update(attempts=models.F("attempts") + 1)
    receipt.refresh_from_db()
    return receipt


@contextlib.contextmanager
def once(key):
    """Yield True for the first run that gets here; the effect and the receipt commit together."""
    receipt = start_attempt(key)
    if receipt.finished_at:
        yield False
        return
    with transaction.atomic():
        locked = TaskReceipt.objects.select_for_update().get(pk=receipt.pk)
        if locked.finished_at:
            yield False
            return
        yield True
        locked.finished_at = timezone.now()
        locked.save(update_fields=["finished_at"])
