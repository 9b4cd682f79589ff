"""Search tests index rows of a tiny stand-in: any saved model row works as `obj`; we use memberships."""

from wijkplatform.core.testing.factories import UserFactory
from wijkplatform.search.services import index_document
from wijkplatform.wijken.models import Membership


def document(wijk, *, title="", body="", kind="post", public=True, url=None, published_at=None):
    """Index a document for a fresh row of this wijk (a membership, so the object really belongs to it)."""
    row = Membership.objects.create(wijk=wijk, user=UserFactory())
    return index_document(
        wijk=wijk,
        obj=row,
        kind=kind,
        title=title,
        body=body,
        url=url or f"/{wijk.slug}/things/{row.pk}/",
        public=public,
        published_at=published_at,
    )
