"""The emails a guest gets later (a place came free, the reminder, a cancellation) are in the language they
signed up in, not the wijk's: they are sent outside the guest's request, by a task or by someone else's action."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from wijkplatform.core import guests
from wijkplatform.events import services, tasks
from wijkplatform.events.models import RSVP
from wijkplatform.events.tests.factories import first_date, make_event, reload
from wijkplatform.notifications.models import Notification
from wijkplatform.notifications.services import outbox_send_pending

pytestmark = pytest.mark.django_db

DUTCH_CANCEL_LINE = "Kun je toch niet komen? Meld je af met deze link:"
DUTCH_FOOTER = "Verstuurd door"  # the footer with the unsubscribe link, in the same language as the rest
ENGLISH_CANCEL_LINE = "Can you not come after all? Cancel with this link:"


@pytest.fixture
def english_wijk(wijk):
    wijk.language = "en"
    wijk.save()
    return wijk


def when(wijk, date, language):
    """The date as the email writes it in `language`."""
    with translation.override(language):
        return date_format(date.starts_at.astimezone(wijk.tz), "DATETIME_FORMAT")


def sign_up_and_confirm(client, wijk, date, email, language, before_confirming=None):
    """A visitor whose browser asks for `language` signs up and clicks the link in the email."""
    url = reverse("events:guest_rsvp", kwargs={"wijk_slug": wijk.slug, "pk": date.pk})
    assert client.post(url, {"email": email}, HTTP_ACCEPT_LANGUAGE=language).status_code == 302
    outbox_send_pending()
    lines = mail.outbox[-1].body.splitlines()
    confirm = next(line.strip() for line in lines if line.strip().endswith("/confirm/"))
    if before_confirming:
        before_confirming()
    assert client.post(confirm.split("127.0.0.1:8000", 1)[1], HTTP_ACCEPT_LANGUAGE=language).status_code == 302
    return RSVP.objects.in_wijk(wijk).get(guest_email=email)


def last_mail_to(email):
    outbox_send_pending()
    return [message for message in mail.outbox if message.to == [email]][-1]


def tomorrow_event(wijk, organiser, **fields):
    start = (timezone.now().astimezone(wijk.tz) + timedelta(days=1)).replace(hour=15, minute=0, second=0, microsecond=0)
    return make_event(wijk, organiser, starts_at=start, ends_at=start + timedelta(hours=1), **fields)


def test_the_sign_up_keeps_the_language_of_the_page(client, english_wijk, alice):
    date = first_date(make_event(english_wijk, alice))
    guest = sign_up_and_confirm(client, english_wijk, date, "buur@example.net", "nl")
    assert guest.language == "nl"
    assert mail.outbox[0].subject == "Bevestig dat je komt: Buurtborrel"  # the first email, as before
    assert DUTCH_FOOTER in mail.outbox[0].body and "Sent by" not in mail.outbox[0].body


def test_a_guest_who_signed_up_in_dutch_hears_of_a_free_place_in_dutch(client, english_wijk, alice, bob):
    wijk = english_wijk
    event = make_event(wijk, alice, capacity=1, title="Kookclub")
    date = first_date(event)

    def bob_goes():
        services.rsvp_set(wijk=wijk, event=event, user=bob, status="going")

    guest = sign_up_and_confirm(client, wijk, date, "buur@example.net", "nl", before_confirming=bob_goes)
    assert guest.status == RSVP.Status.WAITING  # bob took the only place before the guest confirmed

    with translation.override("en"):  # bob's own request, in English
        services.rsvp_set(wijk=wijk, event=event, user=bob, status="not_going")

    assert reload(guest).status == RSVP.Status.GOING
    promoted = last_mail_to("buur@example.net")
    expected = f"Er is een plek vrijgekomen: je gaat naar Kookclub op {when(wijk, date, 'nl')}"
    assert promoted.subject == expected
    assert promoted.body.startswith(expected)
    assert DUTCH_CANCEL_LINE in promoted.body and ENGLISH_CANCEL_LINE not in promoted.body
    assert DUTCH_FOOTER in promoted.body and "Sent by" not in promoted.body


def test_a_guest_who_signed_up_in_dutch_gets_the_reminder_and_the_cancellation_in_dutch(
    client, english_wijk, alice, bob
):
    wijk = english_wijk
    event = tomorrow_event(wijk, alice, title="Kookclub")
    date = first_date(event)
    sign_up_and_confirm(client, wijk, date, "buur@example.net", "nl")
    services.rsvp_set(wijk=wijk, event=event, user=bob, status="going")

    with translation.override("en"):  # the worker runs in the default language
        tasks.send_reminders.delay(earliest_local_hour=0)
    reminder = last_mail_to("buur@example.net")
    assert reminder.subject == f"Morgen: Kookclub, {when(wijk, date, 'nl')}"
    assert "Zwaanshals 1" in reminder.body and DUTCH_CANCEL_LINE in reminder.body
    # The member's reminder stays in the wijk's language.
    note = Notification.objects.in_wijk(wijk).get(recipient=bob, kind="event_reminder")
    assert note.title == f"Tomorrow: Kookclub, {when(wijk, date, 'en')}"

    with translation.override("en"):  # the organiser's request, in English
        services.event_cancel(wijk=wijk, event=event, by=alice)
    cancelled = last_mail_to("buur@example.net")
    assert cancelled.subject == f"Afgelast: Kookclub op {when(wijk, date, 'nl')}"
    note = Notification.objects.in_wijk(wijk).get(recipient=bob, kind="event_cancelled")
    assert note.title == f"Cancelled: Kookclub on {when(wijk, date, 'en')}"


def test_an_old_sign_up_without_a_language_gets_the_wijk_language(client, english_wijk, alice):
    wijk = english_wijk
    date = first_date(tomorrow_event(wijk, alice, title="Kookclub"))
    old = sign_up_and_confirm(client, wijk, date, "oud@example.net", "nl")
    RSVP.objects.in_wijk(wijk).filter(pk=old.pk).update(language="")  # as rows from before the language was kept
    sign_up_and_confirm(client, wijk, date, "nieuw@example.net", "nl")

    with translation.override("nl"):  # whatever language the worker happens to run in
        assert services.reminders_send(wijk=wijk) == 2
    assert last_mail_to("oud@example.net").subject == f"Tomorrow: Kookclub, {when(wijk, date, 'en')}"
    assert ENGLISH_CANCEL_LINE in last_mail_to("oud@example.net").body
    assert "Sent by" in last_mail_to("oud@example.net").body
    assert last_mail_to("nieuw@example.net").subject == f"Morgen: Kookclub, {when(wijk, date, 'nl')}"


@pytest.mark.parametrize(("active", "kept"), [("nl", "nl"), ("de-at", "de"), ("pt", ""), ("en", "en")])
def test_only_a_language_we_speak_is_kept(wijk, alice, active, kept):
    event = make_event(wijk, alice)
    with translation.override(active):
        rsvp = services.guest_rsvp_request(wijk=wijk, event=event, occurrence=first_date(event), email="b@example.net")
    assert rsvp.language == kept
    assert guests.guest_language(rsvp.language, wijk=wijk) == (kept or wijk.language)

