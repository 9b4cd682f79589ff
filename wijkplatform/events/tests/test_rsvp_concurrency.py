"""Two people clicking "going" for the last seat at the same moment: one gets it, the other waits.

Runs on PostgreSQL with real concurrent transactions (threads, each with its own connection):
DATABASE_URL=postgres://postgres@127.0.0.1:5432/wp_events .venv/bin/python -m pytest -m postgres ...
"""

import threading
import time

import pytest
from django.db import connection, connections

from wijkplatform.core.testing.factories import member
from wijkplatform.events import services
from wijkplatform.events.models import RSVP
from wijkplatform.events.tests.factories import first_date, make_event

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)"),
]


@pytest.fixture
def slow_save(monkeypatch):
    """Widen the race: every RSVP save waits a moment after the seats were counted."""
    original = RSVP.save

    def save(self, *args, **kwargs):
        time.sleep(0.15)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(RSVP, "save", save)


@pytest.mark.django_db(transaction=True)
def test_concurrent_rsvps_for_the_last_seat_never_overbook(wijk, alice, slow_save):
    event = make_event(wijk, alice, capacity=3)
    services.rsvp_set(wijk=wijk, event=event, user=member(wijk), status="going")
    people = [member(wijk) for _ in range(8)]
    barrier = threading.Barrier(len(people))
    errors = []

    def answer(person):
        try:
            barrier.wait(timeout=10)
            services.rsvp_set(wijk=wijk, event=event, user=person, status="going")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    rows = RSVP.objects.in_wijk(wijk).filter(occurrence=first_date(event))
    assert rows.filter(status="going").count() == 3
    assert rows.filter(status="waiting").count() == 6


@pytest.mark.django_db(transaction=True)
def test_a_cancel_and_a_new_rsvp_at_once_keep_the_count_right(wijk, alice, slow_save):
    event = make_event(wijk, alice, capacity=1)
    holder, waiting, newcomer = member(wijk), member(wijk), member(wijk)
    services.rsvp_set(wijk=wijk, event=event, user=holder, status="going")
    services.rsvp_set(wijk=wijk, event=event, user=waiting, status="going")
    barrier = threading.Barrier(2)

    def run(user, status):
        try:
            barrier.wait(timeout=10)
            services.rsvp_set(wijk=wijk, event=event, user=user, status=status)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(holder, "not_going")),
        threading.Thread(target=run, args=(newcomer, "going")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    rows = RSVP.objects.in_wijk(wijk).filter(occurrence=first_date(event))
    assert rows.filter(status="going").count() == 1
    assert rows.get(user=waiting).status == "going"  # first in line moved up
    assert rows.get(user=newcomer).status == "waiting"
