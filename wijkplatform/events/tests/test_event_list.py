from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wijkplatform.events import services
from wijkplatform.events.tests.factories import make_event, past_event


def list_url(wijk, **params):
    from urllib.parse import urlencode

    return reverse("events:list", kwargs={"wijk_slug": wijk.slug}) + (
        "?" + urlencode(params) if params else ""
    )


def test_the_list_shows_events_to_come_of_this_wijk_only(
    client, wijk, other_wijk, alice, charlie, django_assert_max_num_queries
):
    for n in range(12):
        make_event(wijk, alice, title=f"Event {n}", days=n + 1)
    make_event(other_wijk, charlie, title="Elsewhere")
    past_event(wijk, alice, title="Long ago")
    with django_assert_max_num_queries(8):
        page = client.get(list_url(wijk)).content.decode()
    assert "Event 0" in page and "Event 11" in page
    assert "Elsewhere" not in page and "Long ago" not in page


def test_filters_this_week_free_children_accessible(client, wijk, alice):
    make_event(wijk, alice, title="Soon and free", days=2)
    make_event(wijk, alice, title="Later paid", days=20, cost="5")
    make_event(wijk, alice, title="Kids party", days=21, for_children=True)
    make_event(wijk, alice, title="Step-free talk", days=22, step_free=True, cost="1")

    def titles(**params):
        page = client.get(list_url(wijk, **params)).content.decode()
        return {t for t in ("Soon and free", "Later paid", "Kids party", "Step-free talk") if t in page}

    assert titles() == {"Soon and free", "Later paid", "Kids party", "Step-free talk"}
    assert titles(when="week") == {"Soon and free"}
    assert titles(free="on") == {"Soon and free", "Kids party"}
    assert titles(children="on") == {"Kids party"}
    assert titles(accessible="on") == {"Step-free talk"}
    assert (
        "No events match these filters."
        in client.get(list_url(wijk, when="week", children="on")).content.decode()
    )


def test_a_bad_filter_value_does_not_break_the_list(client, wijk):
    assert client.get(list_url(wijk, when="forever", page="x")).status_code == 200


def test_the_archive_shows_past_events(client, wijk, alice):
    past_event(wijk, alice, title="Last year's fair")
    make_event(wijk, alice, title="Coming up")
    page = client.get(reverse("events:archive", kwargs={"wijk_slug": wijk.slug})).content.decode()
    assert "Last year&#x27;s fair" in page and "Coming up" not in page


def test_the_month_calendar_is_an_accessible_table(client, wijk, alice, django_assert_max_num_queries):
    event = make_event(wijk, alice, title="Buurtborrel", recurrence="weekly")
    month = event.starts_at.astimezone(wijk.tz).strftime("%Y-%m")
    url = reverse("events:calendar", kwargs={"wijk_slug": wijk.slug})
    with django_assert_max_num_queries(6):
        response = client.get(url, {"month": month})
    page = response.content.decode()
    assert "<table" in page and "<caption>" in page and 'scope="col"' in page
    assert page.count("Buurtborrel") >= 2
    today = timezone.now().astimezone(wijk.tz)
    assert 'aria-current="date"' in client.get(url).content.decode()
    assert str(today.year) in client.get(url).content.decode()


def test_a_bad_month_is_a_400_with_a_message(client, wijk):
    url = reverse("events:calendar", kwargs={"wijk_slug": wijk.slug})
    for bad in ("2026-13", "soon", "0-1", "2026-02-30-1"):
        response = client.get(url, {"month": bad})
        assert response.status_code == 400
        assert "is not a month we can show" in response.content.decode()


def test_the_wijk_home_shows_upcoming_events(client, wijk, alice):
    home = reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})
    assert "Upcoming events" not in client.get(home).content.decode()
    make_event(wijk, alice, title="Straatfeest")
    page = client.get(home).content.decode()
    assert "Upcoming events" in page and "Straatfeest" in page
    assert 'href="/oude-noorden/events/"' in page  # the navigation


def test_a_hidden_event_is_not_listed_and_is_a_404(client, wijk, alice, bob):
    event = make_event(wijk, alice, title="Hidden one")
    type(event).objects.in_wijk(wijk).filter(pk=event.pk).update(hidden_at=timezone.now())
    assert "Hidden one" not in client.get(list_url(wijk)).content.decode()
    client.force_login(bob)
    assert (
        client.get(reverse("events:detail", kwargs={"wijk_slug": wijk.slug, "pk": event.pk})).status_code
        == 404
    )
    client.force_login(alice)
    assert (
        client.get(reverse("events:detail", kwargs={"wijk_slug": wijk.slug, "pk": event.pk})).status_code
        == 200
    )


def test_the_detail_of_a_series_shows_its_next_date_and_others(client, wijk, alice):
    event = make_event(wijk, alice, recurrence="weekly", days=1)
    page = client.get(
        reverse("events:detail", kwargs={"wijk_slug": wijk.slug, "pk": event.pk})
    ).content.decode()
    assert "Other dates" in page
    assert (event.starts_at + timedelta(days=7)).astimezone(wijk.tz).strftime("%H:%M") in page
    services.event_cancel(wijk=wijk, event=event, by=alice)


def test_the_pages_speak_dutch(client, wijk, alice, bob):
    event = make_event(wijk, alice, capacity=1, recurrence="weekly")
    services.rsvp_set(wijk=wijk, event=event, user=alice, status="going")
    services.rsvp_set(wijk=wijk, event=event, user=bob, status="going")
    client.force_login(bob)
    detail = reverse("events:detail", kwargs={"wijk_slug": wijk.slug, "pk": event.pk})
    page = client.get(detail, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Je staat als nummer 1 op de wachtlijst." in page
    assert "nog 0 plaatsen van de 1" in page and "1 op de wachtlijst" in page
    listing = client.get(list_url(wijk), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Activiteiten" in listing and "Deze week" in listing
    calendar = client.get(
        reverse("events:calendar", kwargs={"wijk_slug": wijk.slug}), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert "Maandkalender" in calendar.content.decode()
