"""One searchable document per piece of content, kept in sync by `services.index_document`."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.models import WijkScopedModel


class Kind(models.TextChoices):
    POST = "post", _("Posts")
    COMMENT = "comment", _("Comments")
    EVENT = "event", _("Events")
    STORY = "story", _("Stories")
    POINT = "point", _("Points")


class SearchDocument(WijkScopedModel):
    kind = models.CharField(max_length=20)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    title = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    public = models.BooleanField(default=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # PostgreSQL only (a GIN index is added there by a migration); always empty on SQLite, which uses FTS5.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wijk", "content_type", "object_id"], name="search_document_unique_per_wijk"
            )
        ]
        indexes = [models.Index(fields=["wijk", "kind", "published_at"], name="search_wijk_kind_published")]

    def __str__(self):
        return f"{self.kind}: {self.title}"
