"""Request ids, JSON logs, the Prometheus endpoint and its guard, and /readyz."""

import json
import logging

from wijkplatform.core import metrics, ops_views
from wijkplatform.core.observe import JsonFormatter, RequestIdFilter


def test_a_request_gets_an_id_echoed_in_the_response(client, db):
    response = client.get("/healthz")
    assert len(response["X-Request-ID"]) == 32
    assert client.get("/healthz")["X-Request-ID"] != response["X-Request-ID"]


def test_the_proxys_request_id_is_kept_and_a_bad_one_replaced(client, db):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="edge-42.abc")["X-Request-ID"] == "edge-42.abc"
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID="<script>\n")["X-Request-ID"]
    assert replaced != "<script>\n" and len(replaced) == 32


def test_logs_are_json_lines_with_the_request_id(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="wijkplatform.request"):
        client.get("/healthz", HTTP_X_REQUEST_ID="trace-me-1")
    records = [r for r in caplog.records if r.name == "wijkplatform.request"]
    assert records
    RequestIdFilter().filter(records[-1])
    line = json.loads(JsonFormatter().format(records[-1]))
    assert line["request_id"] == "trace-me-1"
    assert line["level"] == "INFO" and line["logger"] == "wijkplatform.request"
    assert line["status"] == 200 and line["view"] == "healthz" and line["method"] == "GET"
    assert isinstance(line["duration_ms"], float)


def test_json_formatter_keeps_the_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "failed %s", ("here",), __import__("sys").exc_info()
        )
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed here"
    assert "ValueError: boom" in line["exception"]


def test_metrics_count_requests_by_view(client, db):
    client.get("/healthz")
    body = client.get("/metrics").content.decode()
    assert 'wijk_http_requests_total{method="GET",status="200",view="healthz"}' in body
    assert 'wijk_http_request_duration_seconds_bucket{le="0.01",method="GET",view="healthz"}' in body


def test_metrics_show_the_outbox_length(client, wijk, alice):
    from wijkplatform.notifications.models import OutboxMessage

    OutboxMessage.objects.create(wijk=wijk, to_email="a@example.org", kind="test", subject="Hi", body="Hello")
    body = client.get("/metrics").content.decode()
    assert 'wijk_outbox_messages{status="pending"} 1.0' in body


def test_metrics_count_task_failures(client, db):
    from celery import shared_task

    @shared_task(name="wijkplatform.tests.always_fails")
    def always_fails():
        raise RuntimeError("no")

    from wijkplatform.celery import app

    before = metrics.TASK_FAILURES.labels(task="wijkplatform.tests.always_fails")._value.get()
    app.conf.task_eager_propagates = False  # as on a worker: the task fails, the caller goes on
    try:
        assert always_fails.delay().failed()
    finally:
        app.conf.task_eager_propagates = True
    body = client.get("/metrics").content.decode()
    assert f'wijk_celery_task_failures_total{{task="wijkplatform.tests.always_fails"}} {before + 1}' in body


def test_metrics_are_not_for_the_public(client, db, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403
    # Through the proxy every visitor looks like 127.0.0.1: a forwarded request needs the token.
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 403
    assert (
        client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer wrong").status_code
        == 403
    )
    ok = client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert ok.status_code == 200 and b"wijk_http_requests_total" in ok.content
    settings.METRICS_ALLOWED_IPS = ["10.0.0.5"]
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.5").status_code == 200
    assert client.get("/metrics").status_code == 403  # 127.0.0.1 is no longer on the list


def test_readyz_says_ready_when_migrated(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"]["migrations"]["ok"] is True


def test_readyz_says_not_ready_with_unapplied_migrations(client, db, monkeypatch):
    monkeypatch.setattr(ops_views, "_migrated_at", 0.0)
    monkeypatch.setattr(ops_views, "pending_migrations", lambda: ["core.0002_new"])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == {
        "ok": False,
        "detail": "1 not applied: ['core.0002_new']",
    }


def test_readyz_says_not_ready_when_the_database_is_down(client, db, monkeypatch):
    monkeypatch.setattr(ops_views, "check_database", lambda: (False, "OperationalError"))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "not ready"
    assert response.json()["checks"] == {"database": {"ok": False, "detail": "OperationalError"}}


def test_request_id_and_replica_routing_come_first_in_the_middleware():
    from django.conf import settings

    assert settings.MIDDLEWARE[:2] == [
        "wijkplatform.core.observe.RequestIdMiddleware",
        "wijkplatform.core.db_router.ReplicaRoutingMiddleware",
    ]
