"""Reads of safe requests go to a real streaming replica; writes and read-your-writes to the primary; a
replica that lags or is down is skipped. The test starts its own primary and replica (initdb,
pg_basebackup -R) on loopback ports and points Django's "default" at that primary for its duration."""

import contextlib
import time

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.http import JsonResponse
from django.test import Client
from django.urls import path

from wijkplatform.core import db_router
from wijkplatform.core.testing import pgcluster
from wijkplatform.settings import database_from_url

pytestmark = pytest.mark.postgres

BINDIR = pgcluster.find_bindir()


def read_view(request):
    names = sorted(ContentType.objects.filter(app_label="ops").values_list("model", flat=True))
    return JsonResponse({"names": names})


def write_view(request):
    ContentType.objects.create(app_label="ops", model=request.POST["name"])
    return JsonResponse({"ok": True})


urlpatterns = [path("read", read_view), path("write", write_view)]


@contextlib.contextmanager
def database_aliases(entries):
    """Point connection aliases at other databases for a while (Django's "default" included)."""
    saved = {alias: connections.settings.get(alias) for alias in entries}
    for alias, entry in entries.items():
        if alias in connections.settings:
            connections[alias].close()
        connections.settings[alias] = connections.configure_settings({"default": entry})["default"]
        with contextlib.suppress(AttributeError):
            del connections[alias]
    try:
        yield
    finally:
        for alias, old in saved.items():
            with contextlib.suppress(Exception):
                connections[alias].close()
            with contextlib.suppress(AttributeError):
                del connections[alias]
            if old is None:
                del connections.settings[alias]
            else:
                connections.settings[alias] = old


class Recorder:
    """Which database alias ran the queries of a request."""

    def __init__(self):
        self.aliases = []

    def wrapper(self, alias):
        def record(execute, sql, params, many, context):
            self.aliases.append(alias)
            return execute(sql, params, many, context)

        return record

    @contextlib.contextmanager
    def on(self, *aliases):
        self.aliases = []
        with contextlib.ExitStack() as stack:
            for alias in aliases:
                stack.enter_context(connections[alias].execute_wrapper(self.wrapper(alias)))
            yield self


@pytest.fixture(scope="module")
def clusters():
    if BINDIR is None:
        pytest.skip(
            "PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) not found under /usr/lib/postgresql"
        )
    running = pgcluster.Clusters(BINDIR)
    try:
        running.start_primary()
        replica_port, replica_dir = running.start_replica()
        running.replica_port, running.replica_dir = replica_port, replica_dir
        yield running
    finally:
        running.stop()


@pytest.fixture
def routed(clusters, settings, django_db_blocker):
    settings.ROOT_URLCONF = __name__
    settings.MIDDLEWARE = ["wijkplatform.core.db_router.ReplicaRoutingMiddleware"]
    settings.DATABASE_REPLICAS = ["replica_0"]
    settings.READ_YOUR_WRITES_SECONDS = 2
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 1
    primary = database_from_url(f"postgres://postgres@127.0.0.1:{clusters.primary_port}/postgres?pool=false")
    replica = database_from_url(f"postgres://postgres@127.0.0.1:{clusters.replica_port}/postgres?pool=false")
    db_router.forget_replica_health()
    with django_db_blocker.unblock(), database_aliases({"default": primary, "replica_0": replica}):
        if ContentType._meta.db_table not in connections["default"].introspection.table_names():
            with connections["default"].schema_editor() as editor:
                editor.create_model(ContentType)
        try:
            yield clusters
        finally:
            db_router.forget_replica_health()


def pause_replay(port):
    pgcluster.sql(port, "SELECT pg_wal_replay_pause()")
    paused = "SELECT pg_get_wal_replay_pause_state() = 'paused'"
    assert pgcluster.wait_for(lambda: pgcluster.sql(port, paused)[0][0], timeout=10)


def replica_sees(port, name):
    rows = pgcluster.sql(port, "SELECT count(*) FROM django_content_type WHERE model = %s", [name])
    return rows[0][0] == 1


def test_reads_go_to_the_replica_writes_and_the_writer_to_the_primary(routed):
    recorder = Recorder()
    ContentType.objects.create(app_label="ops", model="alpha")  # outside a request: the primary
    assert pgcluster.wait_for(lambda: replica_sees(routed.replica_port, "alpha")), (
        "the replica is not streaming"
    )

    # 1. A safe request reads from the replica.
    visitor, writer = Client(), Client()
    with recorder.on("default", "replica_0"):
        response = writer.get("/read")
    assert response.json()["names"] == ["alpha"]
    assert set(recorder.aliases) == {"replica_0"}

    # 2. A write goes to the primary, and the writer reads from the primary right after (read-your-writes).
    pause_replay(routed.replica_port)  # make the replica stay behind
    with recorder.on("default", "replica_0"):
        assert writer.post("/write", {"name": "beta"}).status_code == 200
    assert set(recorder.aliases) == {"default"}
    assert db_router.COOKIE_NAME in writer.cookies
    with recorder.on("default", "replica_0"):
        response = writer.get("/read")
    assert response.json()["names"] == ["alpha", "beta"]
    assert set(recorder.aliases) == {"default"}

    # 3. Someone else still reads from the replica (it is within the lag limit while the primary is idle)...
    pgcluster.sql(routed.replica_port, "SELECT pg_wal_replay_resume()")
    assert pgcluster.wait_for(lambda: replica_sees(routed.replica_port, "beta"))
    db_router.forget_replica_health()
    with recorder.on("default", "replica_0"):
        assert visitor.get("/read").json()["names"] == ["alpha", "beta"]
    assert set(recorder.aliases) == {"replica_0"}

    # 4. ...and the writer goes back to the replica once READ_YOUR_WRITES_SECONDS have passed.
    time.sleep(2.1)
    with recorder.on("default", "replica_0"):
        writer.get("/read")
    assert set(recorder.aliases) == {"replica_0"}

    # A forged cookie does not count.
    visitor.cookies[db_router.COOKIE_NAME] = "1"
    with recorder.on("default", "replica_0"):
        visitor.get("/read")
    assert set(recorder.aliases) == {"replica_0"}


def test_a_lagging_replica_is_skipped(routed):
    recorder = Recorder()
    ContentType.objects.create(app_label="ops", model="before")
    assert pgcluster.wait_for(lambda: replica_sees(routed.replica_port, "before"))
    pause_replay(routed.replica_port)
    try:
        ContentType.objects.create(app_label="ops", model="gamma")
        time.sleep(1.5)  # the replica is now more than DATABASE_REPLICA_MAX_LAG_SECONDS (1) behind
        db_router.forget_replica_health()
        with recorder.on("default", "replica_0"):
            response = Client().get("/read")
        assert "gamma" in response.json()["names"]
        assert set(recorder.aliases) == {"default"}
        status = db_router.replica_status()["replica_0"]
        assert status["ok"] is False and "lagging" in status["detail"]
    finally:
        pgcluster.sql(routed.replica_port, "SELECT pg_wal_replay_resume()")
    assert pgcluster.wait_for(lambda: replica_sees(routed.replica_port, "gamma"))
    db_router.forget_replica_health()
    with recorder.on("default", "replica_0"):
        assert "gamma" in Client().get("/read").json()["names"]
    assert set(recorder.aliases) == {"replica_0"}


def test_a_replica_that_goes_down_is_skipped_without_an_error(routed):
    """Last: it stops the replica. Reads that were on their way to it are answered from the primary."""
    recorder = Recorder()
    ContentType.objects.create(app_label="ops", model="delta")
    assert pgcluster.wait_for(lambda: replica_sees(routed.replica_port, "delta"))
    client = Client(raise_request_exception=False)
    with recorder.on("default", "replica_0"):
        assert "delta" in client.get("/read").json()["names"]
    assert recorder.aliases == ["replica_0"]
    assert db_router.replica_is_healthy("replica_0")  # and that is cached now

    routed.stop_one(routed.replica_dir)
    # 1. The cached probe still says healthy: the query fails on the replica, the request is answered again.
    with recorder.on("default", "replica_0"):
        response = client.get("/read")
    assert response.status_code == 200
    assert "delta" in response.json()["names"]
    assert recorder.aliases[-1] == "default"
    # 2. From then on reads go straight to the primary, also after the probe ran again.
    db_router.forget_replica_health()
    with recorder.on("default", "replica_0"):
        response = client.get("/read")
    assert response.status_code == 200 and "delta" in response.json()["names"]
    assert set(recorder.aliases) == {"default"}
    assert db_router.replica_status()["replica_0"]["ok"] is False


def test_without_replicas_everything_reads_from_the_primary(settings):
    settings.DATABASE_REPLICAS = []
    router = db_router.PrimaryReplicaRouter()
    assert router.db_for_read(ContentType) == "default"
    assert router.db_for_write(ContentType) == "default"
    settings.DATABASE_REPLICAS = ["replica_0"]
    assert router.allow_migrate("replica_0", "core") is False
    assert router.allow_migrate("default", "core") is True
