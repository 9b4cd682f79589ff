"""The wijk-scoped base model: every row that belongs to a neighbourhood inherits it (DESIGN.md §5)."""

import functools

from django.db import models

from . import pagecache
from .tenancy_context import cross_wijk


@functools.cache
def part_a_deletion_changes(model):
    """The app whose pages a deletion changes, or None (all of them): a cascade may reach other apps' rows."""
    apps, models_seen, todo = set(), set(), [model]
    while todo:
        current = todo.pop()
        if current in models_seen:
            continue
        models_seen.add(current)
        if getattr(current, "shown_on_public_pages", True):
            apps.add(current._meta.app_label)
        todo.extend(relation.related_model for relation in current._meta.related_objects)
    return model._meta.app_label if apps == {model._meta.app_label} else None


class WijkQuerySet(models.QuerySet):
    def in_wijk(self, wijk):
        if wijk is None:
            raise ValueError("in_wijk() needs a wijk; a missing wijk must never mean 'all wijken'")
        return self.filter(wijk=wijk)

    def visible(self):
        """Leave out what moderation hid (for models with `ModeratedContent`)."""
        return self.filter(hidden_at__isnull=True)

    # Every write tells the page cache which wijken changed, and in which part (core/pagecache.py).
    def _wijk_ids(self):
        return set(self.order_by().values_list("wijk_id", flat=True).distinct())

    def update(self, **kwargs):
        shown = self.model.shown_on_public_pages
        wijk_ids = self._wijk_ids() if shown else ()
        count = super().update(**kwargs)
        if count and shown:
            pagecache.wijks_changed(wijk_ids, part=self.model._meta.app_label)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if self.model.shown_on_public_pages:
            pagecache.wijks_changed({obj.wijk_id for obj in created}, part=self.model._meta.app_label)
        return created

    def delete(self):
        wijk_ids = self._wijk_ids() if self.model.shown_on_public_pages else ()
        # The rows were chosen through their wijk; the cascade that follows selects children by parent id.
        with cross_wijk("cascade of rows chosen through their wijk"):
            deleted = super().delete()
        pagecache.wijks_changed(wijk_ids, part=part_a_deletion_changes(self.model))
        return deleted


class WijkScopedModel(models.Model):
    """A row that belongs to one wijk. Queries go through `.in_wijk(wijk)`; there is no magic default."""

    wijk = models.ForeignKey("wijken.Wijk", on_delete=models.CASCADE, related_name="+")

    objects = WijkQuerySet.as_manager()
    # False for rows no public page shows (a person's notifications, outbox, messages): writing them then
    # leaves the wijk's cached pages alone (core/pagecache.py).
    shown_on_public_pages = True

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.shown_on_public_pages:
            pagecache.wijks_changed({self.wijk_id}, part=self._meta.app_label)

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update, *args, **kwargs):
        # Saving a row updates it only within its own wijk: a row can never be moved into another wijk's data.
        base_qs = base_qs.filter(wijk_id=self.wijk_id)
        return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update, *args, **kwargs)

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        # Reloading a row reads it within its own wijk too.
        if from_queryset is None:
            from_queryset = type(self)._base_manager.filter(wijk_id=self.wijk_id)
        return super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)

    def delete(self, *args, **kwargs):
        with cross_wijk("cascade of a row fetched through its wijk"):
            deleted = super().delete(*args, **kwargs)
        if self.shown_on_public_pages:
            pagecache.wijks_changed({self.wijk_id}, part=part_a_deletion_changes(type(self)))
        return deleted


class ModeratedContent(models.Model):
    """Content the wijkredactie can hide. Public lists leave out hidden rows (`.visible()`)."""

    hidden_at = models.DateTimeField(null=True, blank=True, editable=False)
    hidden_reason = models.CharField(max_length=300, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_hidden(self):
        return self.hidden_at is not None
from .idempotency import TaskReceipt  # noqa: E402,F401 - idempotency keys of tasks (core/idempotency.py)
