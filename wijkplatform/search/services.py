"""Keeping the search index in sync: apps call these from their services (in `transaction.on_commit`)."""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.html import strip_tags

from .backends import get_backend
from .models import SearchDocument

MAX_BODY = 20_000
# Control characters never belong in text; \x02 and \x03 mark highlights inside the index.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text, limit):
    text = strip_tags(str(text or ""))
    return _CONTROL.sub(" ", text)[:limit]


def index_document(*, wijk, obj, kind, title, body, url, public=True, published_at=None):
    """Add or update the searchable document of `obj` (a row of this wijk). Returns the document."""
    if getattr(obj, "wijk_id", wijk.pk) != wijk.pk:
        raise ValueError("index_document(): the object belongs to another wijk")
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    with transaction.atomic():
        document, _created = SearchDocument.objects.in_wijk(wijk).update_or_create(
            wijk=wijk,
            content_type=content_type,
            object_id=str(obj.pk),
            defaults={
                "kind": str(kind)[:20],
                "title": clean_text(title, 300),
                "body": clean_text(body, MAX_BODY),
                "url": str(url)[:500],
                "public": bool(public),
                "published_at": published_at,
            },
        )
        get_backend().index(document)
    return document


def remove_document(*, wijk, obj):
    """Take `obj` out of the search index (deleted, hidden by moderation, made a draft again)."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    with transaction.atomic():
        documents = list(
            SearchDocument.objects.in_wijk(wijk).filter(content_type=content_type, object_id=str(obj.pk))
        )
        for document in documents:
            get_backend().remove(document)
            document.delete()
    return len(documents)


def reindex_vectors(*, wijk):
    """Recompute the index of every stored document of a wijk (after a change of language or backend)."""
    backend = get_backend()
    count = 0
    for document in SearchDocument.objects.in_wijk(wijk).iterator():
        backend.index(document)
        count += 1
    return count
