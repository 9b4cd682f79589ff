"""Redis goes away while a real Celery worker holds a task, and comes back: the worker reconnects (it does not
exit) and the task is done exactly once.

With Celery/kombu 5.7.0 the worker used to exit here with `Unrecoverable error: AttributeError("'NoneType'
object has no attribute 'hostname'")`; the cause and the fix are in core/celery_fixes.py. The bug needs the
task channel to have a BRPOP outstanding when the outage is noticed on another socket first, so the worker
runs as in production: the platform's app and settings (acks late, prefetch one), two pool processes (one
holds the task, the other slot keeps a BRPOP open), remote control, gossip and mingle on. The task blocks
until the test releases it, so the worker certainly holds it unacknowledged when Redis stops.

The test starts its own `redis-server` on a free port (never the Redis of REDIS_URL), with an append-only
file so that, as in production, Redis comes back with its data: the held task is still in the `unacked`
hash, and only the worker's late acknowledgement takes it out. Skipped without the redis-server binary,
except in a Redis run (REDIS_URL set), where a missing binary is an error. Takes about 25 s. No database:
the task counts its runs in files.
"""

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery, shared_task

from wijkplatform.core.testing.celery_worker import start_worker, stop_worker
from wijkplatform.core.testing.pgcluster import free_port, wait_for

THIS_MODULE = "wijkplatform.core.tests.test_celery_broker_loss"  # the worker imports it for the task below
VISIBILITY_TIMEOUT = 12  # longer than the task is held (about 8 s), so it is not handed out again meanwhile
REDIS_DOWN_SECONDS = 2


@shared_task(name="tests.broker_loss.hold", ignore_result=True)
def hold(directory, name):
    """Say it started, wait until the test creates `release`, then count one run of `name`."""
    folder = Path(directory)
    (folder / f"{name}.started").touch()
    deadline = time.monotonic() + 90
    while not (folder / "release").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    with open(folder / f"{name}.runs", "a") as runs:
        runs.write("run\n")


def runs(folder, name):
    path = folder / f"{name}.runs"
    return len(path.read_text().splitlines()) if path.exists() else 0


class RedisServer:
    """A throw-away redis-server that can be stopped and started again on the same port with its data."""

    def __init__(self, binary, directory):
        self.binary = binary
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        command = [
            self.binary,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "yes",
            "--appendfsync",
            "always",
            "--dir",
            str(self.directory),
            "--logfile",
            str(self.directory / "redis.log"),
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert wait_for(lambda: self.client().ping(), timeout=15), "redis-server did not start"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()  # as systemd stops it: SIGTERM
            self.process.wait(timeout=15)
        self.process = None

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_connect_timeout=1, socket_timeout=2)


@pytest.fixture
def redis_server(tmp_path):
    binary = shutil.which("redis-server")
    if not binary:
        if os.environ.get("REDIS_URL"):
            pytest.fail("a Redis run (REDIS_URL is set) needs the redis-server binary for this test")
        pytest.skip("needs the redis-server binary: the test starts and stops its own Redis")
    directory = tmp_path / "redis"
    directory.mkdir()
    server = RedisServer(binary, directory)
    server.start()
    yield server
    server.stop()


def start_broker_loss_worker(broker_url, log_path):
    return start_worker(
        log_path,
        "--concurrency=2",
        f"--include={THIS_MODULE}",
        f"--hostname=brokerloss-{uuid.uuid4().hex[:8]}@%h",
        REDIS_URL=broker_url,
        CELERY_BROKER_URL=broker_url,
        CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
        CELERY_UNACKED_RESTORE_SECONDS="1",
    )


def test_the_worker_survives_redis_going_away_while_it_holds_a_task(redis_server, tmp_path):
    folder = tmp_path / "tasks"
    folder.mkdir()
    log_path = tmp_path / "worker.log"
    broker = redis_server.client()

    def worker_log():
        return log_path.read_text(errors="replace")[-6000:]

    worker, log = start_broker_loss_worker(redis_server.url, log_path)
    try:
        assert wait_for(lambda: "ready." in log_path.read_text(errors="replace"), timeout=60), (
            "the worker did not start:\n" + worker_log()
        )
        # Not the current app: the platform's shared tasks in this test process must keep using the platform's.
        sender = Celery("sender", broker=redis_server.url, set_as_current=False)
        sender.send_task("tests.broker_loss.hold", args=[str(folder), "first"])
        assert wait_for(lambda: (folder / "first.started").exists(), timeout=20), worker_log()
        started = time.time()
        assert broker.hlen("unacked") == 1  # delivered, not acknowledged (acks late)
        time.sleep(0.5)  # the free pool slot: the worker now waits for the next task with a BRPOP

        redis_server.stop()
        time.sleep(REDIS_DOWN_SECONDS)
        redis_server.start()
        assert broker.hlen("unacked") == 1  # Redis came back with the held task

        (folder / "release").touch()
        assert wait_for(lambda: runs(folder, "first") == 1, timeout=30), worker_log()
        assert "Unrecoverable error" not in log_path.read_text(errors="replace"), "the worker exits:\n" + worker_log()
        # The late acknowledgement reaches Redis once the worker has reconnected.
        assert wait_for(lambda: broker.hlen("unacked") == 0, timeout=30), (
            "the held task was never acknowledged:\n" + worker_log()
        )
        assert worker.poll() is None, "the worker exited:\n" + worker_log()

        # It consumes again,
        sender.send_task("tests.broker_loss.hold", args=[str(folder), "second"])
        assert wait_for(lambda: runs(folder, "second") == 1, timeout=30), worker_log()
        # and the first task is not handed out again once its visibility timeout has passed.
        time.sleep(max(0.0, started + VISIBILITY_TIMEOUT + 3 - time.time()))
        assert runs(folder, "first") == 1
        assert broker.hlen("unacked") == 0 and broker.llen("celery") == 0
        assert worker.poll() is None, "the worker exited:\n" + worker_log()
    finally:
        stop_worker(worker, log)
