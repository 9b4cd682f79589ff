"""While the Celery broker is down, a write that queues an email does not try it again and again (each try
made the request wait ~2 s): after a failure the broker is left alone for BROKER_PAUSE seconds, the failure
is logged once, and the email waits in the outbox for the periodic sender. Against a real closed port."""

import logging
import shutil
import socket
import subprocess
import time
from urllib.parse import urlsplit

import pytest
import redis

from wijkplatform.celery import app as celery_app
from wijkplatform.notifications import services, tasks
from wijkplatform.notifications.models import OutboxMessage
from wijkplatform.notifications.services import BROKER_PAUSE, kick_outbox, notify

from .test_broker_down import broker_down  # noqa: F401 - points the broker at a closed port on 127.0.0.1
from .test_outbox_smtp import smtp  # noqa: F401 - the real SMTP server (aiosmtpd) fixture

pytestmark = pytest.mark.usefixtures("broker_down")


@pytest.fixture(autouse=True)
def _broker_not_paused(monkeypatch):
    """Each test starts with no broker failure remembered by this process."""
    monkeypatch.setattr(services, "_broker_down", {"url": None, "until": 0.0})


@pytest.fixture
def broker_connects(broker_down, monkeypatch):  # noqa: F811
    """Every TCP connection attempt to the broker's port (the broker is tried, or not)."""
    port = urlsplit(celery_app.conf.broker_url).port
    attempts = []
    connect = socket.socket.connect

    def counting_connect(sock, address):
        if isinstance(address, tuple) and address[1] == port:
            attempts.append(address)
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", counting_connect)
    return attempts


def at(seconds):
    return lambda: seconds


def _broker_warnings(caplog):
    return [r for r in caplog.records if r.levelno == logging.WARNING and "broker" in r.getMessage()]


def test_after_a_failure_the_broker_is_left_alone_for_a_while_then_tried_again(broker_connects, caplog):
    caplog.set_level(logging.INFO, logger=services.__name__)

    kick_outbox(clock=at(1000.0))
    tried = len(broker_connects)
    assert tried > 0
    assert len(_broker_warnings(caplog)) == 1

    # Within the pause: no attempt at all, so the request does not wait for the broker.
    kick_outbox(clock=at(1001.0))
    kick_outbox(clock=at(1000.0 + BROKER_PAUSE - 0.1))
    assert len(broker_connects) == tried

    # After the pause it is tried again; still down, so another pause, and nothing logged again.
    kick_outbox(clock=at(1000.0 + BROKER_PAUSE))
    assert len(broker_connects) > tried
    tried = len(broker_connects)
    kick_outbox(clock=at(1000.0 + BROKER_PAUSE + 1))
    assert len(broker_connects) == tried
    assert len(_broker_warnings(caplog)) == 1


@pytest.mark.django_db
def test_writes_during_the_pause_skip_the_broker_and_the_periodic_sender_sends_everything(
    wijk,
    alice,
    bob,
    smtp,  # noqa: F811
    broker_connects,
    django_capture_on_commit_callbacks,
):
    # A write at t=1000 tries the broker once as it commits (run here with a clock the test controls).
    with django_capture_on_commit_callbacks() as callbacks:
        notify(wijk=wijk, recipients=[alice], kind="mention", title="First", url="/oude-noorden/", actor=bob)
    kicks = [callback for callback in callbacks if callback is kick_outbox]  # besides: the bell's count forgotten
    assert kicks == [kick_outbox]
    kicks[0](clock=at(1000.0))
    tried = len(broker_connects)
    assert tried > 0

    # A write ten seconds later does not try it.
    with django_capture_on_commit_callbacks() as callbacks:
        notify(wijk=wijk, recipients=[bob], kind="mention", title="Second", url="/oude-noorden/", actor=alice)
    [kick] = [callback for callback in callbacks if callback is kick_outbox]
    kick(clock=at(1010.0))
    assert len(broker_connects) == tried

    # Nothing is lost: both emails wait in the outbox, and the periodic task sends them.
    assert list(OutboxMessage.objects.in_wijk(wijk).values_list("status", flat=True)) == ["pending", "pending"]
    assert smtp.messages == []
    assert tasks.send_outbox.apply().get() == {"sent": 2, "deferred": 0, "failed": 0}
    assert sorted(m["to"][0] for m in smtp.messages) == sorted([alice.email, bob.email])
    assert set(OutboxMessage.objects.in_wijk(wijk).values_list("status", flat=True)) == {"sent"}


@pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")
def test_a_broker_that_is_back_is_used_and_a_new_outage_is_logged_again(broker_connects, caplog, tmp_path):
    caplog.set_level(logging.INFO, logger=services.__name__)
    port = urlsplit(celery_app.conf.broker_url).port

    kick_outbox(clock=at(1000.0))
    assert len(_broker_warnings(caplog)) == 1

    # Redis comes back on the broker's address; after the pause the outbox sender is queued there.
    server = subprocess.Popen(  # noqa: S603 - a fixed command line
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait_for_redis(port)
        kick_outbox(clock=at(1000.0 + BROKER_PAUSE))
        assert services._broker_down["url"] is None
        assert any("reachable again" in r.getMessage() for r in caplog.records)
        assert _queued_tasks(port) == 1
    finally:
        server.terminate()
        server.wait(timeout=10)

    # It goes away again: that is a new outage, logged (once) again.
    kick_outbox(clock=at(2000.0))
    kick_outbox(clock=at(2001.0))
    assert len(_broker_warnings(caplog)) == 2


def _wait_for_redis(port):
    client = redis.Redis(host="127.0.0.1", port=port)
    for _ in range(100):
        try:
            client.ping()
            return
        except redis.ConnectionError:
            time.sleep(0.05)
    raise AssertionError("redis-server did not start")


def _queued_tasks(port):
    return redis.Redis(host="127.0.0.1", port=port).llen("celery")
