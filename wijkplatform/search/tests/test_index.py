import pytest

from wijkplatform.search.backends import get_backend
from wijkplatform.search.models import SearchDocument
from wijkplatform.search.services import index_document, remove_document


@pytest.mark.django_db
def test_index_search_and_remove(wijk, other_wijk, alice, charlie):
    index_document(
        wijk=wijk,
        obj=alice,
        kind="post",
        title="Fietsen repareren",
        body="Wie helpt met mijn fiets bij het café?",
        url="/oude-noorden/feed/1/",
    )
    index_document(
        wijk=other_wijk, obj=charlie, kind="post", title="Café", body="café in Harlem", url="/harlem/"
    )
    results = get_backend().search(wijk=wijk, query="cafe", members=True)
    assert [hit.url for hit in results.hits] == ["/oude-noorden/feed/1/"]
    assert "<mark>café</mark>" in results.hits[0].snippet
    assert remove_document(wijk=wijk, obj=alice) == 1
    assert not SearchDocument.objects.in_wijk(wijk).exists()
    assert get_backend().search(wijk=wijk, query="cafe", members=True).hits == []
