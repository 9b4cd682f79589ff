"""A real Celery worker on a real Redis broker, killed with SIGKILL in the middle of a task: the task is
delivered again (acks_late, visibility timeout) to the next worker and its effect happens exactly once
(an idempotency key).

Needs PostgreSQL as the test database (the worker process must see the same database; skipped on SQLite)
and Redis: the database of REDIS_URL (`.ci/run`: /15), else redis://127.0.0.1:6379/14; it is emptied.

How a lost task comes back on Redis (kombu's transport): a delivered task waits, unacknowledged, in the
`unacked` hash with its delivery time in `unacked_index`. Each worker sweeps that index when it starts and
then every `unacked_restore_interval` seconds, and puts back in the queue the entries older than
`visibility_timeout`. The workers here use a 3 s timeout and a 1 s sweep (production: an hour and 30 s,
settings.py and docs/operations.md)."""

import os
import signal
import time
import uuid

import pytest
from django.db import connection

from wijkplatform.core.idempotency import TaskReceipt
from wijkplatform.core.testing.celery_worker import start_worker, stop_worker
from wijkplatform.core.testing.pgcluster import wait_for

pytestmark = pytest.mark.postgres

BROKER = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14"
VISIBILITY_TIMEOUT = 3
TASK_SECONDS = 6


def redis_client():
    import redis

    client = redis.Redis.from_url(BROKER, socket_connect_timeout=1)
    try:
        client.ping()
    except Exception as error:  # noqa: BLE001
        if os.environ.get("REDIS_URL"):
            raise  # Redis was asked for: it must be there
        pytest.skip(f"needs Redis on 127.0.0.1:6379 or REDIS_URL ({type(error).__name__})")
    return client


def database_url():
    conf = connection.settings_dict
    auth = conf["USER"] + (f":{conf['PASSWORD']}" if conf["PASSWORD"] else "")
    return f"postgres://{auth}@{conf['HOST'] or '127.0.0.1'}:{conf['PORT'] or 5432}/{conf['NAME']}?pool=false"


def start_kill_test_worker(log_path):
    return start_worker(
        log_path,
        "--pool=solo",
        "--concurrency=1",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        REDIS_URL=BROKER,
        CELERY_BROKER_URL=BROKER,
        DATABASE_URL=database_url(),
        # A lost task goes back to the queue 3 s after it was delivered; each worker looks every second.
        CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
        CELERY_UNACKED_RESTORE_SECONDS="1",
    )


def receipt(key):
    return TaskReceipt.objects.filter(key=key).first()


@pytest.fixture
def broker(request, transactional_db, tenancy_guard):
    # The flush after a transactional test empties every table at once: not a query through a wijk.
    request.addfinalizer(lambda: setattr(tenancy_guard, "paused", True))
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL): a worker process cannot share an in-memory SQLite")
    client = redis_client()
    client.flushdb()
    yield client
    client.flushdb()


def test_a_worker_killed_mid_task_loses_nothing_and_does_it_once(broker, tmp_path):
    from celery import Celery

    sender = Celery("sender", broker=BROKER, set_as_current=False)  # the platform's tasks keep their own app
    key = f"kill-test-{uuid.uuid4().hex}"
    workers = []
    try:
        first, log1 = start_kill_test_worker(tmp_path / "worker1.log")
        workers.append((first, log1))
        sender.send_task("wijkplatform.core.tasks.smoke_task", args=[key, TASK_SECONDS])
        assert wait_for(lambda: receipt(key) and receipt(key).attempts == 1, timeout=40), (
            "the first worker never started the task:\n" + (tmp_path / "worker1.log").read_text()
        )
        first.send_signal(signal.SIGKILL)  # mid-task
        first.wait(timeout=10)
        assert receipt(key).finished_at is None
        assert broker.hlen("unacked") == 1  # the broker still holds the message nobody acknowledged

        # A second worker gets the task again once the visibility timeout has passed, and finishes it. Its
        # sweep at start may come before that; one of the sweeps after it (every second) puts the task back.
        second, log2 = start_kill_test_worker(tmp_path / "worker2.log")
        workers.append((second, log2))
        assert wait_for(lambda: receipt(key).finished_at is not None, timeout=VISIBILITY_TIMEOUT + TASK_SECONDS + 20,
                        step=0.5), (
            "the task was not delivered again:\n" + (tmp_path / "worker2.log").read_text()
        )
        done = receipt(key)
        assert done.attempts == 2
        assert TaskReceipt.objects.filter(key=key).count() == 1

        # Delivered once more (a duplicate): the effect does not happen again.
        sender.send_task("wijkplatform.core.tasks.smoke_task", args=[key, 0])
        assert wait_for(lambda: receipt(key).attempts == 3, timeout=30)
        assert receipt(key).finished_at == done.finished_at
        assert wait_for(lambda: broker.hlen("unacked") == 0 and broker.llen("celery") == 0, timeout=10)
    finally:
        for process, log in workers:
            stop_worker(process, log, timeout=15)
        time.sleep(0.2)
