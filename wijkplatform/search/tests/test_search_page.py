import pytest
from django.urls import reverse

from .factories import document


def url(wijk, **params):
    from urllib.parse import urlencode

    return reverse("search:search", kwargs={"wijk_slug": wijk.slug}) + (
        "?" + urlencode(params) if params else ""
    )


@pytest.mark.django_db
def test_search_page_shows_ranked_highlighted_results(client, wijk, django_assert_max_num_queries):
    for i in range(25):
        document(wijk, title=f"Moestuin {i}", body="Samen tuinieren in de moestuin achter de school.")
    with django_assert_max_num_queries(8):
        response = client.get(url(wijk, q="moestuin"))
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count('class="card"') == 20
    assert "<mark>" in text
    assert "page=2" in text  # more results on the next page
    assert client.get(url(wijk, q="moestuin", page=2)).content.decode().count('class="card"') == 5


@pytest.mark.django_db
def test_visitors_do_not_see_members_only_results(client, wijk, alice, charlie):
    document(wijk, title="Sleutelkastje", body="De code van het sleutelkastje", public=False)
    assert "Sleutelkastje" not in client.get(url(wijk, q="sleutelkastje")).content.decode()
    client.force_login(charlie)
    assert "Sleutelkastje" not in client.get(url(wijk, q="sleutelkastje")).content.decode()
    client.force_login(alice)
    assert "Sleutelkastje" in client.get(url(wijk, q="sleutelkastje")).content.decode()


@pytest.mark.django_db
def test_other_wijk_content_never_shows(client, wijk, other_wijk):
    document(other_wijk, title="Brooklyn bridge walk", body="walk together")
    assert "Brooklyn" not in client.get(url(wijk, q="walk")).content.decode()


@pytest.mark.django_db
def test_kind_filter(client, wijk):
    document(wijk, title="Rommelmarkt post", body="rommelmarkt", kind="post")
    document(wijk, title="Rommelmarkt zaterdag", body="rommelmarkt", kind="event")
    text = client.get(url(wijk, q="rommelmarkt", kind="event")).content.decode()
    assert "</mark> zaterdag" in text and "</mark> post" not in text


@pytest.mark.django_db
def test_bad_input_gets_a_message_not_a_500(client, wijk):
    response = client.get(url(wijk, q="x" * 500, kind="nonsense", page="abc"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is no kind" in text and "too long" in text
    assert client.get(url(wijk, q="<script>alert(1)</script>")).status_code == 200
    assert (
        "<script>alert(1)</script>"
        not in client.get(url(wijk, q="<script>alert(1)</script>")).content.decode()
    )
    assert client.get(url(wijk, q="\x00")).status_code == 200


@pytest.mark.django_db
def test_empty_search_shows_the_form(client, wijk):
    response = client.get(url(wijk))
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
