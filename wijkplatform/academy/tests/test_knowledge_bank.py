"""The knowledge bank: structured case studies, filters and full-text search."""

from django.urls import reverse

from .factories import KnowledgeEntryFactory


def test_filters_and_search(client, wijk, django_assert_max_num_queries):
    case = KnowledgeEntryFactory(
        title="Buurtkamer als ontmoetingsplek",
        kind="case_study",
        theme="community",
        wijk=wijk,
        goal="Eenzaamheid verminderen",
        target_group="Ouderen",
        completeness="complete",
        lessons_learned="Vaste tijden werken beter dan losse afspraken.",
    )
    method = KnowledgeEntryFactory(title="Story circles", kind="method", theme="cross_media")
    url = reverse("academy:knowledge")
    with django_assert_max_num_queries(8):
        everything = client.get(url).content.decode()
    assert case.title in everything and method.title in everything

    only_cases = client.get(url, {"kind": "case_study"}).content.decode()
    assert case.title in only_cases and method.title not in only_cases
    by_wijk = client.get(url, {"wijk": wijk.slug, "completeness": "complete"}).content.decode()
    assert case.title in by_wijk and method.title not in by_wijk
    by_group = client.get(url, {"target_group": "ouderen"}).content.decode()
    assert case.title in by_group and method.title not in by_group
    found = client.get(url, {"q": "vaste tijden"}).content.decode()
    assert case.title in found and method.title not in found
    assert "Nothing found" in client.get(url, {"q": "zzzz"}).content.decode()


def test_bad_filter_is_a_400_not_a_500(client, db):
    response = client.get(reverse("academy:knowledge"), {"kind": "nonsense", "wijk": "nowhere"})
    assert response.status_code == 400


def test_entry_page_shows_the_structured_fields(client, wijk):
    entry = KnowledgeEntryFactory(
        kind="case_study",
        goal="Meer buren betrekken",
        approach="Koffie op straat",
        partners="Huis van de Wijk",
        results="40 nieuwe leden",
        wijk=wijk,
        body="<script>alert(1)</script>**vet**",
    )
    html = client.get(reverse("academy:knowledge_entry", kwargs={"slug": entry.slug})).content.decode()
    for text in (
        "Meer buren betrekken",
        "Koffie op straat",
        "Huis van de Wijk",
        "40 nieuwe leden",
        wijk.name,
    ):
        assert text in html
    assert "<strong>vet</strong>" in html and "<script>alert" not in html


def test_unpublished_entry_is_a_404(client, alice):
    entry = KnowledgeEntryFactory(is_published=False)
    client.force_login(alice)
    assert client.get(reverse("academy:knowledge_entry", kwargs={"slug": entry.slug})).status_code == 404
