import logging

import pytest
from django.urls import reverse

from wijkplatform.core.testing.factories import member
from wijkplatform.helpdesk.errorlog import DatabaseErrorHandler
from wijkplatform.helpdesk.models import ErrorRecord
from wijkplatform.helpdesk.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


def health_url(wijk):
    return reverse("helpdesk:health", kwargs={"wijk_slug": wijk.slug})


def test_health_page_shows_engines_emails_reports_tickets_and_errors(client, wijk):
    from wijkplatform.notifications.models import OutboxMessage

    helper = member(wijk, "tech_helper")
    TicketFactory(wijk=wijk)
    OutboxMessage.objects.create(
        wijk=wijk,
        to_email="x@example.org",
        kind="reply",
        subject="Hi",
        body="b",
        status="failed",
        last_error="SMTP 550 mailbox unavailable",
    )
    # The settings send ERROR records of every logger to the database handler.
    assert any(isinstance(h, DatabaseErrorHandler) for h in logging.getLogger().handlers)
    logger = logging.getLogger("wijkplatform.test_health")
    request = type("Request", (), {"wijk": wijk, "path": f"/{wijk.slug}/feed/"})()
    logger.error("Something went wrong in the feed", extra={"request": request})
    logger.error("Secret trouble elsewhere")
    logger.warning("Not kept: only errors")
    assert ErrorRecord.objects.count() == 2
    client.force_login(helper)
    text = client.get(health_url(wijk)).content.decode()
    assert "Database" in text and "Cache" in text and "Task queue" in text
    assert "SMTP 550" in text and "1 failed" in text
    assert "1 help question without an answer" in text
    assert "Something went wrong in the feed" in text
    assert "Secret trouble elsewhere" not in text and "1 error outside any wijk" in text


def test_health_needs_the_capability(client, wijk, alice, coordinator):
    client.force_login(alice)
    assert client.get(health_url(wijk)).status_code == 403
    client.force_login(coordinator)
    assert client.get(health_url(wijk)).status_code == 200


def test_public_status_page(client, rf):
    from wijkplatform.helpdesk.views import status

    response = status(rf.get("/status/"))
    assert response.status_code == 200
    assert b"Everything is working." in response.content


def test_status_page_says_when_something_is_down(rf, monkeypatch):
    from wijkplatform.helpdesk import views

    monkeypatch.setattr(
        views,
        "platform_health",
        lambda: {
            "database": {"ok": False, "detail": "x"},
            "cache": {"ok": True, "detail": ""},
            "broker": {"ok": True, "detail": ""},
        },
    )
    response = views.status(rf.get("/status/"))
    assert response.status_code == 503
    assert b"has a problem" in response.content
