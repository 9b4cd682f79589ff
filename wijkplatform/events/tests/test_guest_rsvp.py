"""A visitor without an account signs up for a public event with an email address they confirm."""

import csv
import io
import time

import pytest
from django.core import mail
from django.urls import reverse

from wijkplatform.core import guests
from wijkplatform.core.pagecache import wijks_changed
from wijkplatform.events import services
from wijkplatform.events.models import RSVP
from wijkplatform.events.tests.factories import first_date, make_event, past_event, reload
from wijkplatform.notifications.models import Notification, OutboxMessage
from wijkplatform.notifications.services import outbox_send_pending
from wijkplatform.wijken.models import Wijk

pytestmark = pytest.mark.django_db


def date_url(name, wijk, date):
    return reverse(f"events:{name}", kwargs={"wijk_slug": wijk.slug, "pk": date.pk})


def sign_up(client, wijk, date, email="Buur@Example.net"):
    return client.post(date_url("guest_rsvp", wijk, date), {"email": email})


def guest_rows(wijk):
    return RSVP.objects.in_wijk(wijk).filter(user__isnull=True)


def links_in_last_mail():
    """(confirm path, cancel path) from the last email sent."""
    outbox_send_pending()
    lines = mail.outbox[-1].body.splitlines()
    confirm = next(line for line in lines if "/events/guest/" in line and line.strip().endswith("/confirm/"))
    cancel = next(line for line in lines if "/events/guest/" in line and line.strip().endswith("/cancel/"))
    return tuple(link.strip().split("127.0.0.1:8000", 1)[1] for link in (confirm, cancel))


def test_a_guest_signs_up_confirms_by_email_and_is_counted_as_a_guest(client, wijk, alice, bob):
    event = make_event(wijk, alice, title="Buurtborrel")
    date = first_date(event)
    page = client.get(event.get_absolute_url()).content.decode()
    assert '<label for="guest-email">Your email address:</label>' in page
    assert f'action="{date_url("guest_rsvp", wijk, date)}"' in page

    response = sign_up(client, wijk, date)
    assert response.status_code == 302
    stored = guest_rows(wijk).get()
    assert stored.status == RSVP.Status.PENDING and stored.guest_email == "buur@example.net"
    assert OutboxMessage.objects.in_wijk(wijk).filter(to_email="buur@example.net").exists()
    page = client.get(response["Location"]).content.decode()
    assert "we sent you an email" in page
    assert "0 going" in page  # not counted before the confirmation
    confirm, cancel = links_in_last_mail()
    assert "Buurtborrel" in mail.outbox[-1].subject

    # Opening the link changes nothing (mail scanners open links): the button does.
    form = client.get(confirm)
    assert form.status_code == 200 and "Confirm: I am coming" in form.content.decode()
    assert reload(stored).status == RSVP.Status.PENDING
    done = client.post(confirm)
    assert done.status_code == 302
    assert reload(stored).status == RSVP.Status.GOING
    page = client.get(done["Location"]).content.decode()
    assert "You are signed up" in page
    assert "1 going" in page and "1 of those going is a guest" in page
    assert "buur@example.net" not in page.lower()

    # The organiser sees a guest, never the address.
    client.force_login(alice)
    attendees = client.get(date_url("attendees", wijk, date)).content.decode()
    assert "Guest" in attendees and "buur@example" not in attendees.lower()
    rows = list(csv.reader(io.StringIO(client.get(date_url("attendees_csv", wijk, date)).content.decode())))
    assert rows[1][:2] == ["Guest", "Going"] and "buur@example" not in str(rows).lower()
    # A confirmed link used again says so, and counts nothing twice.
    client.logout()
    assert "confirmed already" in client.get(confirm).content.decode()
    client.post(confirm)
    assert RSVP.objects.in_wijk(wijk).filter(status=RSVP.Status.GOING).count() == 1


def test_one_sign_up_per_address_and_date(client, wijk, alice):
    date = first_date(make_event(wijk, alice))
    assert sign_up(client, wijk, date, "buur@example.net").status_code == 302
    again = sign_up(client, wijk, date, "BUUR@example.net ")
    assert again.status_code == 400
    assert "already signed up for this date" in again.content.decode()
    assert guest_rows(wijk).count() == 1
    assert OutboxMessage.objects.in_wijk(wijk).count() == 1


@pytest.mark.parametrize(
    ("case", "status", "message"),
    [
        ("bad_email", 400, "Enter a valid email address"),
        ("past", 400, "This event is over"),
        ("full", 400, "This event is full"),
        ("cancelled", 400, "This event is cancelled"),
        ("members_only_event", 403, "Only members of the wijk can sign up for this event"),
        ("members_only_wijk", 403, "Only members of this wijk can sign up for its events"),
    ],
)
def test_bad_sign_ups_get_a_clear_message_and_store_nothing(client, wijk, alice, bob, case, status, message):
    email = "not-an-email" if case == "bad_email" else "buur@example.net"
    if case == "past":
        event = past_event(wijk, alice)
    else:
        event = make_event(
            wijk, alice, capacity=1 if case == "full" else None, guests_may_rsvp=case != "members_only_event"
        )
    if case == "full":
        services.rsvp_set(wijk=wijk, event=event, user=bob, status="going")
    if case == "cancelled":
        services.event_cancel(wijk=wijk, event=event, by=alice)
    if case == "members_only_wijk":
        wijk.visibility = Wijk.Visibility.MEMBERS
        wijk.save()
    outbox_before = OutboxMessage.objects.in_wijk(wijk).count()
    response = sign_up(client, wijk, first_date(event), email)
    assert response.status_code == status
    assert message in response.content.decode()
    assert not guest_rows(wijk).exists()
    assert OutboxMessage.objects.in_wijk(wijk).count() == outbox_before


def test_a_members_only_event_shows_no_guest_form(client, wijk, alice):
    event = make_event(wijk, alice, guests_may_rsvp=False)
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'name="email"' not in page
    assert "Only members of the wijk can sign up for this event." in page


def test_the_organiser_chooses_whether_guests_may_sign_up(client, wijk, alice):
    client.force_login(alice)
    form = client.get(reverse("events:create", kwargs={"wijk_slug": wijk.slug})).content.decode()
    assert 'name="guests_may_rsvp"' in form and "Visitors without an account may sign up" in form
    event = make_event(wijk, alice)
    assert event.guests_may_rsvp
    edit = reverse("events:edit", kwargs={"wijk_slug": wijk.slug, "pk": event.pk})
    page = client.get(edit).content.decode()
    data = {
        "title": event.title,
        "starts_at": event.starts_at.astimezone(wijk.tz).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": event.ends_at.astimezone(wijk.tz).strftime("%Y-%m-%dT%H:%M"),
        "place": "address",
        "address": event.address,
    }
    box = page.split('name="guests_may_rsvp"', 1)[1].split(">", 1)[0]
    assert "checked" in box
    assert client.post(edit, data).status_code == 302  # the box unticked
    assert not reload(event).guests_may_rsvp


def test_a_member_uses_the_buttons_not_the_guest_form(client, wijk, alice, bob):
    date = first_date(make_event(wijk, alice))
    client.force_login(bob)
    assert 'name="email"' not in client.get(date_url("occurrence", wijk, date)).content.decode()
    response = sign_up(client, wijk, date, "bob@example.net")
    assert response.status_code == 400
    assert "with the buttons" in response.content.decode()
    assert not guest_rows(wijk).exists()


def test_a_guest_cancels_with_the_link_and_the_first_waiting_member_moves_up(client, wijk, alice, bob):
    event = make_event(wijk, alice, capacity=1, title="Kookclub")
    date = first_date(event)
    sign_up(client, wijk, date)
    confirm, cancel = links_in_last_mail()
    client.post(confirm)
    guest = guest_rows(wijk).get()
    assert guest.status == RSVP.Status.GOING
    bob_rsvp = services.rsvp_set(wijk=wijk, event=event, user=bob, status="going")
    assert bob_rsvp.status == RSVP.Status.WAITING  # the guest took the only place

    page = client.get(cancel)
    assert page.status_code == 200 and "Cancel my sign-up" in page.content.decode()
    assert guest_rows(wijk).exists()
    response = client.post(cancel)
    assert response.status_code == 302
    assert "Your sign-up is cancelled" in client.get(response["Location"]).content.decode()
    assert not guest_rows(wijk).exists()  # the address is gone with it
    assert reload(bob_rsvp).status == RSVP.Status.GOING
    assert Notification.objects.in_wijk(wijk).filter(recipient=bob, kind="waitlist_promoted").exists()
    # Both links are dead now.
    assert client.get(cancel).status_code == 404
    assert client.get(confirm).status_code == 404


def test_a_guest_confirming_after_the_last_place_went_waits_and_is_emailed_a_place(client, wijk, alice, bob):
    event = make_event(wijk, alice, capacity=1, title="Kookclub")
    date = first_date(event)
    sign_up(client, wijk, date)
    confirm, _cancel = links_in_last_mail()
    services.rsvp_set(wijk=wijk, event=event, user=bob, status="going")  # before the guest confirms
    response = client.post(confirm)
    assert "you are on the waiting list" in client.get(response["Location"]).content.decode()
    guest = guest_rows(wijk).get()
    assert guest.status == RSVP.Status.WAITING
    services.rsvp_set(wijk=wijk, event=event, user=bob, status="not_going")
    assert reload(guest).status == RSVP.Status.GOING
    outbox_send_pending()
    promoted = mail.outbox[-1]
    assert promoted.to == ["buur@example.net"] and "Kookclub" in promoted.subject
    assert "/cancel/" in promoted.body


def test_a_guest_gets_the_reminder_and_hears_when_the_event_is_cancelled(client, wijk, alice):
    from datetime import timedelta

    from django.utils import timezone

    start = (timezone.now().astimezone(wijk.tz) + timedelta(days=1)).replace(hour=15, minute=0, second=0, microsecond=0)
    event = make_event(wijk, alice, starts_at=start, ends_at=start + timedelta(hours=1), title="Kookclub")
    date = first_date(event)
    sign_up(client, wijk, date)
    confirm, _cancel = links_in_last_mail()
    client.post(confirm)
    assert services.reminders_send(wijk=wijk) == 1
    outbox_send_pending()
    reminder = mail.outbox[-1]  # in the language the guest signed up in (test_guest_language.py)
    assert reminder.to == ["buur@example.net"] and "Kookclub" in reminder.subject and "/cancel/" in reminder.body
    services.event_cancel(wijk=wijk, event=event, by=alice)
    outbox_send_pending()
    cancelled = mail.outbox[-1]
    assert cancelled.to == ["buur@example.net"] and "Kookclub" in cancelled.subject and cancelled != reminder


def test_links_of_another_wijk_old_or_made_up_are_404(client, wijk, other_wijk, alice, monkeypatch):
    date = first_date(make_event(wijk, alice))
    sign_up(client, wijk, date)
    confirm, cancel = links_in_last_mail()
    for path in (confirm, cancel):
        assert client.get(path.replace(f"/{wijk.slug}/", f"/{other_wijk.slug}/")).status_code == 404
    assert client.get(reverse("events:guest_confirm", kwargs={"wijk_slug": wijk.slug, "token": "x"})).status_code == 404
    # The link to confirm lasts a week; the one to cancel as long as the sign-up.
    later = time.time() + (guests.GUEST_LINK_DAYS + 1) * 24 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert client.get(confirm).status_code == 404
    assert client.get(cancel).status_code == 200


def test_guests_signing_up_very_fast_from_one_address_are_slowed_down(client, wijk, alice):
    date = first_date(make_event(wijk, alice))
    statuses = [
        sign_up(client, wijk, date, f"buur{i}@example.net").status_code
        for i in range(guests.GUEST_REQUESTS_PER_HOUR + 1)
    ]
    assert statuses[:-1] == [302] * guests.GUEST_REQUESTS_PER_HOUR and statuses[-1] == 429
    assert guest_rows(wijk).count() == guests.GUEST_REQUESTS_PER_HOUR


def test_unconfirmed_sign_ups_expire_and_old_addresses_are_forgotten(client, wijk, alice):
    from datetime import timedelta

    from django.utils import timezone

    date = first_date(make_event(wijk, alice))
    sign_up(client, wijk, date, "later@example.net")
    confirm, _cancel = links_in_last_mail()
    client.post(confirm)
    sign_up(client, wijk, date, "never@example.net")
    services.guest_rsvps_tidy(wijk=wijk, now=timezone.now() + timedelta(days=guests.GUEST_LINK_DAYS, hours=1))
    assert list(guest_rows(wijk).values_list("guest_email", flat=True)) == ["later@example.net"]
    services.guest_rsvps_tidy(wijk=wijk, now=date.ends_at + timedelta(days=31))
    kept = guest_rows(wijk).get()
    assert kept.status == RSVP.Status.GOING and kept.guest_email.endswith("@erased.invalid")


def test_the_attendee_list_takes_the_same_queries_for_many_guests(client, wijk, alice, django_assert_max_num_queries):
    event = make_event(wijk, alice)
    date = first_date(event)
    rsvp = services.guest_rsvp_request(wijk=wijk, event=event, occurrence=date, email="g0@example.net")
    services.guest_rsvp_confirm(wijk=wijk, rsvp=rsvp)
    client.force_login(alice)
    client.get(date_url("attendees", wijk, date))
    wijks_changed({wijk.pk})  # both measured pages read what is kept per wijk version (roles) afresh
    with django_assert_max_num_queries(40) as one:
        client.get(date_url("attendees", wijk, date))
    for i in range(1, 10):
        rsvp = services.guest_rsvp_request(wijk=wijk, event=event, occurrence=date, email=f"g{i}@example.net")
        services.guest_rsvp_confirm(wijk=wijk, rsvp=rsvp)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(date_url("attendees", wijk, date)).content.decode()
    assert page.count("(no account; confirmed by email)") == 10
