"""Every list and write is rate-limited per token and per address, with Retry-After."""

from wijkplatform.api.api import api

from .conftest import bearer


def test_too_many_requests_get_429_with_retry_after(client, wijk, read_token, monkeypatch):
    throttle = api.throttle[0]
    monkeypatch.setattr(throttle, "rate", "3/min")
    monkeypatch.setattr(throttle, "num_requests", 3)
    monkeypatch.setattr(throttle, "duration", 60)
    statuses = [client.get("/api/v1/wijken", **bearer(read_token)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/wijken", **bearer(read_token))
    assert response["Content-Type"] == "application/problem+json"
    assert 1 <= int(response["Retry-After"]) <= 60
