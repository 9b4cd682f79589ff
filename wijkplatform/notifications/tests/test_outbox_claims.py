"""Claims in the outbox: each message is claimed just before it is sent, never by two workers, and the claim
of a worker that died is handed back after STALE_CLAIM (minutes, not a quarter of an hour)."""

import threading
from datetime import timedelta

import pytest
from django.core.mail import get_connection
from django.db import connection, connections
from django.utils import timezone

from wijkplatform.core.testing.factories import member
from wijkplatform.notifications import services
from wijkplatform.notifications.models import OutboxMessage
from wijkplatform.notifications.services import STALE_CLAIM, notify, outbox_send_pending

from .test_outbox_smtp import smtp  # noqa: F401 - the real SMTP server (aiosmtpd) fixture


def _mention(wijk, people):
    notify(wijk=wijk, recipients=people, kind="mention", title="You were mentioned", url="/oude-noorden/")
    return list(OutboxMessage.objects.in_wijk(wijk).order_by("id"))


def _record_arrival_times(smtp):  # noqa: F811
    """The SMTP server notes when each email arrived (before it answers 250)."""
    arrived = {}
    handle_data = smtp.collector.handle_DATA

    async def handle_DATA(server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        arrived[envelope.rcpt_tos[0]] = timezone.now()
        return await handle_data(server, session, envelope)

    smtp.collector.handle_DATA = handle_DATA
    smtp.stop()
    smtp.start()
    return arrived


@pytest.mark.django_db
def test_each_message_is_claimed_just_before_it_is_sent(wijk, alice, bob, smtp):  # noqa: F811
    carol = member(wijk, display_name="Carol")
    arrived = _record_arrival_times(smtp)
    messages = _mention(wijk, [alice, bob, carol])

    assert outbox_send_pending() == {"sent": 3, "deferred": 0, "failed": 0}

    stored = list(OutboxMessage.objects.in_wijk(wijk).order_by("id"))
    assert [m.status for m in stored] == ["sent", "sent", "sent"]
    assert [m.pk for m in stored] == [m.pk for m in messages]
    # Each claim was taken after the previous email had arrived and before its own: a long batch does not
    # make its later messages look stale to another worker.
    previous_arrival = None
    for message in stored:
        assert message.claimed_at <= arrived[message.to_email] <= message.sent_at
        if previous_arrival is not None:
            assert message.claimed_at > previous_arrival
        previous_arrival = arrived[message.to_email]


@pytest.mark.django_db
def test_a_live_workers_claim_is_left_alone_and_a_dead_workers_claim_is_handed_back(
    wijk,
    alice,
    smtp,  # noqa: F811
):
    [message] = _mention(wijk, [alice])
    # A worker claimed it a minute ago and is still sending: another run leaves it alone.
    claim = OutboxMessage.objects.in_wijk(wijk).filter(pk=message.pk)
    claim.update(status="sending", claimed_at=timezone.now() - timedelta(minutes=1))
    assert outbox_send_pending() == {"sent": 0, "deferred": 0, "failed": 0}
    assert smtp.messages == []
    assert OutboxMessage.objects.in_wijk(wijk).get().status == "sending"

    # The worker was killed (SIGKILL): once its claim is older than STALE_CLAIM the next run sends it, once.
    claim.update(claimed_at=timezone.now() - STALE_CLAIM - timedelta(seconds=1))
    assert outbox_send_pending() == {"sent": 1, "deferred": 0, "failed": 0}
    assert [m["to"] for m in smtp.messages] == [[alice.email]]
    stored = OutboxMessage.objects.in_wijk(wijk).get()
    assert stored.status == "sent" and stored.attempts == 1
    assert outbox_send_pending()["sent"] == 0
    assert len(smtp.messages) == 1


def test_the_stale_window_is_minutes_and_longer_than_one_send(settings):
    """One send: five SMTP replies of EMAIL_TIMEOUT each at worst, and twice the database pool's 30 s wait."""
    worst_send = timedelta(seconds=5 * settings.EMAIL_TIMEOUT + 2 * 30)
    assert worst_send * 2 < STALE_CLAIM <= timedelta(minutes=5)


@pytest.fixture
def claimed_by_another(wijk, alice, bob, monkeypatch):
    """Two emails; as this worker opens its SMTP connection (after listing the outbox, before its claims),
    another worker claims the first. Returns (first, second, the other worker's claim time)."""
    first, second = _mention(wijk, [alice, bob])
    their_claim = timezone.now()

    def connect(**kwargs):
        OutboxMessage.objects.in_wijk(wijk).filter(pk=first.pk, status="pending").update(
            status="sending", claimed_at=their_claim
        )
        return get_connection(**kwargs)

    monkeypatch.setattr(services, "get_connection", connect)
    return first, second, their_claim


@pytest.mark.django_db
def test_a_message_another_worker_claimed_after_the_listing_is_not_sent_again(
    wijk,
    smtp,  # noqa: F811
    claimed_by_another,
):
    first, second, their_claim = claimed_by_another

    assert outbox_send_pending() == {"sent": 1, "deferred": 0, "failed": 0}
    assert [m["to"] for m in smtp.messages] == [[second.to_email]]
    theirs = OutboxMessage.objects.in_wijk(wijk).get(pk=first.pk)
    assert theirs.status == "sending" and theirs.claimed_at == their_claim and theirs.attempts == 0


@pytest.mark.django_db
def test_a_server_that_is_down_defers_only_the_messages_this_worker_did_not_leave_to_another(
    wijk,
    smtp,  # noqa: F811
    claimed_by_another,
):
    first, second, their_claim = claimed_by_another
    smtp.stop()

    assert outbox_send_pending() == {"sent": 0, "deferred": 1, "failed": 0}
    # The other worker's message is still theirs (not put back as pending while they send it).
    theirs = OutboxMessage.objects.in_wijk(wijk).get(pk=first.pk)
    assert theirs.status == "sending" and theirs.claimed_at == their_claim and theirs.attempts == 0
    mine = OutboxMessage.objects.in_wijk(wijk).get(pk=second.pk)
    assert mine.status == "pending" and mine.attempts == 1 and mine.next_attempt_at and mine.last_error


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (concurrent writers)")
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_message_exactly_once(wijk, alice, smtp, monkeypatch):  # noqa: F811
    monkeypatch.setattr(services, "kick_outbox", lambda: None)  # in autocommit the kick would send them at once
    people = [alice] + [member(wijk) for _ in range(19)]
    _mention(wijk, people)
    assert smtp.messages == []
    barrier = threading.Barrier(2)
    counts, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            counts.append(outbox_send_pending())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sum(c["sent"] for c in counts) == 20
    received = sorted(m["to"][0] for m in smtp.messages)
    assert received == sorted(p.email for p in people)
    assert set(OutboxMessage.objects.in_wijk(wijk).values_list("status", flat=True)) == {"sent"}
