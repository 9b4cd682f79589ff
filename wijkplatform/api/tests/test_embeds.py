"""Partner websites embed the wijk's agenda and latest stories."""

from django.urls import reverse

from wijkplatform.events.tests.factories import make_event


def test_agenda_widget_can_be_framed_by_any_site(client, wijk, coordinator):
    make_event(wijk, coordinator, title="Buurtborrel")
    response = client.get(reverse("embed:agenda", kwargs={"wijk_slug": wijk.slug}))
    page = response.content.decode()
    assert "Buurtborrel" in page and wijk.colour in page and 'target="_blank"' in page
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response


def test_stories_widget_and_snippet_page(client, wijk):
    response = client.get(reverse("embed:stories", kwargs={"wijk_slug": wijk.slug}))
    assert response.status_code == 200 and "Stories from Oude Noorden" in response.content.decode()
    snippets = client.get(reverse("embed:snippets", kwargs={"wijk_slug": wijk.slug}))
    assert "&lt;iframe src=" in snippets.content.decode()
    assert snippets["X-Frame-Options"] == "DENY"  # the rest of the site is never framed


def test_widget_of_a_wijk_shows_only_that_wijk(client, wijk, other_wijk, coordinator):
    make_event(wijk, coordinator, title="Alleen in het Oude Noorden")
    page = client.get(reverse("embed:agenda", kwargs={"wijk_slug": other_wijk.slug})).content.decode()
    assert "Alleen in het Oude Noorden" not in page
