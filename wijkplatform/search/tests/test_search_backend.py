"""The search interface, on whichever database the tests run (SQLite FTS5 or PostgreSQL)."""

import pytest
from django.db import connection

from wijkplatform.search.backends import get_backend
from wijkplatform.search.models import SearchDocument
from wijkplatform.search.services import index_document, remove_document

from .factories import document


def search(wijk, query, **kwargs):
    kwargs.setdefault("members", True)
    return get_backend().search(wijk=wijk, query=query, **kwargs)


@pytest.mark.django_db
def test_finds_ranks_and_stays_in_its_wijk(wijk, other_wijk):
    weak = document(wijk, title="Buurtborrel", body="Iedereen welkom, ook met de fiets.")
    strong = document(wijk, title="Fiets gevonden", body="Een blauwe fiets bij de fiets-stalling.")
    document(other_wijk, title="Fiets", body="fiets fiets in Harlem")
    hits = search(wijk, "fiets").hits
    assert [h.pk for h in hits] == [strong.pk, weak.pk]
    assert all(h.url.startswith(f"/{wijk.slug}/") for h in hits)


@pytest.mark.django_db
def test_accents_are_folded_both_ways(wijk):
    doc = document(wijk, title="Koffie", body="Morgen koffie in het café op de hoek.")
    hits = search(wijk, "cafe").hits
    assert [h.pk for h in hits] == [doc.pk]
    assert "<mark>café</mark>" in hits[0].snippet
    assert [h.pk for h in search(wijk, "CAFÉ").hits] == [doc.pk]


@pytest.mark.django_db
def test_dutch_stemming_fietsen_finds_fiets(wijk):
    doc = document(wijk, title="Gevonden", body="Een blauwe fiets bij de brug.")
    assert [h.pk for h in search(wijk, "fietsen").hits] == [doc.pk]


@pytest.mark.django_db
def test_snippets_escape_user_text(wijk):
    document(
        wijk, title="<b>Bold</b> fiets", body="fiets <script>alert(1)</script> & <img src=x onerror=alert(2)>"
    )
    [hit] = search(wijk, "fiets").hits
    html = str(hit.snippet) + str(hit.title_html)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "<mark>" in html


@pytest.mark.django_db
def test_filter_by_kind_and_counts(wijk):
    post = document(wijk, title="Ladder", body="Wie leent mij een ladder?", kind="post")
    event = document(wijk, title="Ladder-workshop", body="Veilig op de ladder", kind="event")
    results = search(wijk, "ladder", kinds=["event"])
    assert [h.pk for h in results.hits] == [event.pk]
    assert results.kind_counts == {"post": 1, "event": 1}
    assert post.pk in [h.pk for h in search(wijk, "ladder").hits]


@pytest.mark.django_db
def test_members_only_documents(wijk):
    document(wijk, title="Open", body="sleutel openbaar")
    secret = document(wijk, title="Besloten", body="sleutel voor leden", public=False)
    assert secret.pk not in [h.pk for h in search(wijk, "sleutel", members=False).hits]
    assert secret.pk in [h.pk for h in search(wijk, "sleutel", members=True).hits]


@pytest.mark.django_db
def test_update_and_remove_keep_the_index_in_sync(wijk):
    doc = document(wijk, title="Oud", body="appeltaart")
    row = doc.content_type.get_object_for_this_type(pk=doc.object_id, wijk=wijk)
    index_document(wijk=wijk, obj=row, kind="post", title="Nieuw", body="perentaart", url=doc.url)
    assert search(wijk, "appeltaart").hits == []
    assert [h.pk for h in search(wijk, "perentaart").hits] == [doc.pk]
    assert SearchDocument.objects.in_wijk(wijk).count() == 1
    remove_document(wijk=wijk, obj=row)
    assert search(wijk, "perentaart").hits == []


@pytest.mark.django_db
def test_query_syntax_cannot_break_the_search(wijk):
    document(wijk, title="Tuin", body="moestuin en tuinbank")
    for query in [
        '"',
        'tuin"*',
        "AND OR NOT",
        "-",
        "(((",
        "tuin:*",
        "NEAR(a b)",
        "'; DROP TABLE x; --",
        "*",
        "😀",
    ]:
        search(wijk, query)  # no exception
    assert search(wijk, "   ").hits == []


@pytest.mark.django_db
def test_pages_of_results(wijk):
    for i in range(5):
        document(wijk, title=f"Plant {i}", body="stekjes ruilen")
    first = search(wijk, "stekjes", limit=3)
    second = search(wijk, "stekjes", limit=3, offset=3)
    assert len(first.hits) == 3 and first.has_more
    assert len(second.hits) == 2 and not second.has_more
    assert not {h.pk for h in first.hits} & {h.pk for h in second.hits}


@pytest.mark.django_db
def test_an_object_of_another_wijk_is_refused(wijk, other_wijk):
    from wijkplatform.core.testing.factories import UserFactory
    from wijkplatform.wijken.models import Membership

    row = Membership.objects.create(wijk=other_wijk, user=UserFactory())
    with pytest.raises(ValueError):
        index_document(wijk=wijk, obj=row, kind="post", title="x", body="y", url="/x/")


@pytest.mark.django_db
def test_english_wijk_stems_english(other_wijk):
    doc = document(other_wijk, title="Gardening", body="We are planting trees on Saturday.")
    assert [h.pk for h in search(other_wijk, "plant tree").hits] == [doc.pk]


def test_backend_matches_the_database(db):
    assert get_backend().vendor == connection.vendor


@pytest.mark.django_db
def test_postgres_without_unaccent_folds_in_python(wijk, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    from wijkplatform.search.backends import PostgresBackend
    from wijkplatform.search.services import reindex_vectors

    monkeypatch.setattr(PostgresBackend, "config_for", lambda self, wijk: None)
    doc = document(wijk, title="Koffie", body="Koffie in het café, met fietsen.")
    assert reindex_vectors(wijk=wijk) == 1
    assert [h.pk for h in search(wijk, "cafe").hits] == [doc.pk]
    assert [h.pk for h in search(wijk, "café fiets").hits] == [doc.pk]


@pytest.mark.django_db
def test_published_at_comes_back_as_an_aware_datetime(wijk):
    from datetime import UTC, datetime

    when = datetime(2026, 5, 1, 10, 30, tzinfo=UTC)
    document(wijk, title="Koningsdag", body="vrijmarkt", published_at=when)
    [hit] = search(wijk, "vrijmarkt").hits
    assert hit.published_at == when
