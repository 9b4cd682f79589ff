import pytest
from django.urls import reverse

from wijkplatform.points.tests.factories import PointFactory, hours

pytestmark = pytest.mark.django_db


def screen_url(wijk, point, slide=None):
    url = reverse("points:screen", kwargs={"wijk_slug": wijk.slug, "slug": point.slug})
    return f"{url}?slide={slide}" if slide is not None else url


def test_screen_rotates_events_stories_thanks_and_hours_without_javascript(client, wijk, alice, coordinator):
    from wijkplatform.community.tests.factories import PostFactory
    from wijkplatform.events.tests.factories import make_event
    from wijkplatform.newsroom.tests.factories import StoryFactory

    point = PointFactory(wijk=wijk, name="Huis van de Wijk")
    hours(point, 0, "09:00", "17:00")
    make_event(wijk, alice, title="Buurtborrel op het plein")
    StoryFactory(wijk=wijk, reporter=alice, title="Forty trees on the canal")
    PostFactory(wijk=wijk, author=alice, kind="thanks", text="Dank aan de buren voor de hulp!")
    seen = []
    for slide in range(4):
        response = client.get(screen_url(wijk, point, slide))
        text = response.content.decode()
        assert response.status_code == 200
        assert 'http-equiv="refresh"' in text and f"?slide={(slide + 1) % 4}" in text
        assert "<svg" in text and "segno" in text  # the QR code
        assert "<script" not in text
        seen.append(text)
    everything = "".join(seen)
    for expected in (
        "Buurtborrel op het plein",
        "Forty trees on the canal",
        "Dank aan de buren",
        "09:00–17:00",
    ):
        assert expected in everything


def test_screen_with_nothing_else_shows_the_hours_and_survives_bad_slide_numbers(client, wijk):
    point = PointFactory(wijk=wijk)
    for slide in ("0", "7", "-3", "abc", ""):
        response = client.get(screen_url(wijk, point, slide))
        assert response.status_code == 200
        assert point.name in response.content.decode()


def test_screen_of_another_wijk_is_404(client, wijk, other_wijk):
    point = PointFactory(wijk=other_wijk)
    assert client.get(screen_url(wijk, point)).status_code == 404
