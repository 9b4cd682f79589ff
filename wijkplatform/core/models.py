"""The wijk-scoped base model: every row that belongs to a neighbourhood inherits it (DESIGN.md §5)."""

from django.db import models


class WijkQuerySet(models.QuerySet):
    def in_wijk(self, wijk):
        if wijk is None:
            raise ValueError("in_wijk() needs a wijk; a missing wijk must never mean 'all wijken'")
        return self.filter(wijk=wijk)

    def visible(self):
        """Leave out what moderation hid (for models with `ModeratedContent`)."""
        return self.filter(hidden_at__isnull=True)


class WijkScopedModel(models.Model):
    """A row that belongs to one wijk. Queries go through `.in_wijk(wijk)`; there is no magic default."""

    wijk = models.ForeignKey("wijken.Wijk", on_delete=models.CASCADE, related_name="+")

    objects = WijkQuerySet.as_manager()

    class Meta:
        abstract = True


class ModeratedContent(models.Model):
    """Content the wijkredactie can hide. Public lists leave out hidden rows (`.visible()`)."""

    hidden_at = models.DateTimeField(null=True, blank=True, editable=False)
    hidden_reason = models.CharField(max_length=300, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_hidden(self):
        return self.hidden_at is not None
