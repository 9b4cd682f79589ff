import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wijkplatform.core.testing.factories import member
from wijkplatform.events import services
from wijkplatform.events.models import RSVP
from wijkplatform.events.tests.factories import first_date, make_event, past_event, reload
from wijkplatform.notifications.models import Notification


def rsvp_url(wijk, occurrence):
    return reverse("events:rsvp", kwargs={"wijk_slug": wijk.slug, "pk": occurrence.pk})


def answers(wijk, occurrence):
    return dict(
        RSVP.objects.in_wijk(wijk).filter(occurrence=occurrence).values_list("user__display_name", "status")
    )


def test_a_member_says_going_then_changes_their_mind(client, wijk, alice, bob):
    date = first_date(make_event(wijk, alice))
    client.force_login(bob)
    response = client.post(rsvp_url(wijk, date), {"status": "going"})
    assert response.status_code == 302
    assert answers(wijk, date) == {"Bob": "going"}
    page = client.get(response["Location"]).content.decode()
    assert "See you there!" in page and "1 going" in page
    client.post(rsvp_url(wijk, date), {"status": "maybe"})
    client.post(rsvp_url(wijk, date), {"status": "maybe"})  # a double answer just updates
    assert answers(wijk, date) == {"Bob": "maybe"}
    assert RSVP.objects.in_wijk(wijk).filter(occurrence=date).count() == 1


def test_an_unknown_answer_is_a_400(client, wijk, alice, bob):
    date = first_date(make_event(wijk, alice))
    client.force_login(bob)
    response = client.post(rsvp_url(wijk, date), {"status": "definitely"})
    assert response.status_code == 400
    assert "Choose going, maybe or not going." in response.content.decode()
    assert answers(wijk, date) == {}


def test_rsvp_to_a_past_event_is_refused(client, wijk, alice, bob):
    date = first_date(past_event(wijk, alice))
    client.force_login(bob)
    response = client.post(rsvp_url(wijk, date), {"status": "going"})
    assert response.status_code == 400
    assert "This event is over" in response.content.decode()
    assert answers(wijk, date) == {}


def test_rsvp_to_a_cancelled_event_is_refused(client, wijk, alice, bob):
    event = make_event(wijk, alice)
    services.event_cancel(wijk=wijk, event=event, by=alice)
    client.force_login(bob)
    response = client.post(rsvp_url(wijk, first_date(event)), {"status": "going"})
    assert response.status_code == 400
    assert "This event is cancelled" in response.content.decode()
    assert answers(wijk, first_date(event)) == {}


def test_a_full_event_has_a_waiting_list_that_moves_up_with_a_notification(client, wijk, alice, bob):
    event = make_event(wijk, alice, capacity=1)
    date = first_date(event)
    dana, eve = member(wijk, display_name="Dana"), member(wijk, display_name="Eve")
    services.rsvp_set(wijk=wijk, event=event, user=bob, status="going")
    assert services.rsvp_set(wijk=wijk, event=event, user=dana, status="going").status == "waiting"
    assert services.rsvp_set(wijk=wijk, event=event, user=eve, status="going").status == "waiting"
    # Saying "going" again while waiting keeps one's place.
    assert services.rsvp_set(wijk=wijk, event=event, user=dana, status="going").status == "waiting"
    client.force_login(eve)
    assert "You are number 2 on the waiting list." in client.get(date.get_absolute_url()).content.decode()

    services.rsvp_set(wijk=wijk, event=event, user=bob, status="not_going")
    assert answers(wijk, date) == {"Bob": "not_going", "Dana": "going", "Eve": "waiting"}
    note = Notification.objects.in_wijk(wijk).get(recipient=dana, kind="waitlist_promoted")
    assert event.title in note.title and note.url == date.get_absolute_url()
    assert not Notification.objects.in_wijk(wijk).filter(recipient=eve).exists()
    assert "You are number 1 on the waiting list." in client.get(date.get_absolute_url()).content.decode()


def test_the_view_says_you_are_on_the_waiting_list(client, wijk, alice, bob):
    event = make_event(wijk, alice, capacity=1)
    services.rsvp_set(wijk=wijk, event=event, user=alice, status="going")
    client.force_login(bob)
    response = client.post(rsvp_url(wijk, first_date(event)), {"status": "going"}, follow=True)
    assert "you are on the waiting list" in response.content.decode()


def test_a_date_asked_under_another_wijks_address_is_a_404(client, wijk, other_wijk, alice, charlie):
    date = first_date(make_event(wijk, alice))
    client.force_login(charlie)
    there = {"wijk_slug": other_wijk.slug, "pk": date.pk}
    assert client.get(reverse("events:occurrence", kwargs=there)).status_code == 404
    assert client.post(reverse("events:rsvp", kwargs=there), {"status": "going"}).status_code == 404
    # In the wijk itself charlie may read (it is public) but is no member, so cannot answer.
    assert client.post(rsvp_url(wijk, date), {"status": "going"}).status_code == 403
    assert answers(wijk, date) == {}


def test_non_members_cannot_rsvp(wijk, alice, stranger):
    event = make_event(wijk, alice)
    from wijkplatform.core.exceptions import CapabilityDenied

    with pytest.raises(CapabilityDenied):
        services.rsvp_set(wijk=wijk, event=event, user=stranger, status="going")


def test_the_service_picks_the_next_date_and_refuses_a_date_of_another_event(wijk, alice, bob):
    event, other = make_event(wijk, alice, recurrence="weekly"), make_event(wijk, alice)
    answer = services.rsvp_set(wijk=wijk, event=event, user=bob, status="going")
    assert answer.occurrence == first_date(event)
    with pytest.raises(ValidationError):
        services.rsvp_set(wijk=wijk, event=event, occurrence=first_date(other), user=bob, status="going")
    assert reload(answer).status == "going"


def test_with_htmx_an_error_reloads_the_page_with_its_message(client, wijk, alice, bob):
    date = first_date(past_event(wijk, alice))
    client.force_login(bob)
    response = client.post(rsvp_url(wijk, date), {"status": "going"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400 and response["HX-Refresh"] == "true"
    assert "This event is over" in client.get(date.get_absolute_url()).content.decode()
