"""The outbox against a real SMTP server: sent once, kept when the server is down, sent when it is back."""

import pytest

from wijkplatform.notifications.models import OutboxMessage
from wijkplatform.notifications.services import notify, outbox_send_pending

from .smtp import SMTPServer


@pytest.fixture
def smtp(settings):
    server = SMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 3
    yield server
    server.stop()


@pytest.mark.django_db
def test_pending_mail_goes_through_smtp_once(wijk, alice, bob, smtp):
    notify(
        wijk=wijk,
        recipients=[alice],
        kind="reply",
        title="Bob replied: gezellig!",
        url="/oude-noorden/",
        actor=bob,
    )
    assert outbox_send_pending() == {"sent": 1, "deferred": 0, "failed": 0}
    assert len(smtp.messages) == 1
    received = smtp.messages[0]
    assert received["to"] == [alice.email]
    assert "Bob replied" in received["message"]["Subject"]
    assert (
        received["message"]["List-Unsubscribe"]
        .strip()
        .startswith("<http://127.0.0.1:8000/oude-noorden/notifications/")
    )
    assert received["message"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    stored = OutboxMessage.objects.in_wijk(wijk).get()
    assert stored.status == "sent" and stored.sent_at is not None and stored.attempts == 1
    # A second run sends nothing again.
    assert outbox_send_pending()["sent"] == 0
    assert len(smtp.messages) == 1


@pytest.mark.django_db
def test_smtp_server_down_loses_nothing_and_sends_when_back(wijk, alice, bob, smtp):
    smtp.stop()
    notify(
        wijk=wijk, recipients=[alice, bob], kind="mention", title="You were mentioned", url="/oude-noorden/"
    )
    counts = outbox_send_pending()
    assert counts == {"sent": 0, "deferred": 2, "failed": 0}
    pending = list(OutboxMessage.objects.in_wijk(wijk).order_by("id"))
    assert [m.status for m in pending] == ["pending", "pending"]
    assert all(m.attempts == 1 and m.next_attempt_at and m.last_error for m in pending)
    # Still down, and the retry is not yet due: nothing is tried, nothing is lost.
    assert outbox_send_pending() == {"sent": 0, "deferred": 0, "failed": 0}

    smtp.start()
    assert outbox_send_pending(ignore_schedule=True)["sent"] == 2
    assert sorted(m["to"][0] for m in smtp.messages) == sorted([alice.email, bob.email])
    assert set(OutboxMessage.objects.in_wijk(wijk).values_list("status", flat=True)) == {"sent"}


@pytest.mark.django_db
def test_retry_is_due_later_without_ignoring_the_schedule(wijk, alice, smtp, settings):
    from datetime import timedelta

    from django.utils import timezone

    smtp.stop()
    notify(wijk=wijk, recipients=[alice], kind="mention", title="Hello", url="/oude-noorden/")
    outbox_send_pending()
    smtp.start()
    OutboxMessage.objects.in_wijk(wijk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert outbox_send_pending()["sent"] == 1
    assert len(smtp.messages) == 1


@pytest.mark.django_db
def test_refused_recipient_is_retried_then_failed(wijk, alice, smtp):
    from wijkplatform.notifications import services

    async def refuse(server, session, envelope, address, rcpt_options):
        return "550 No such mailbox"

    smtp.collector.handle_RCPT = refuse
    smtp.stop()
    smtp.start()
    notify(wijk=wijk, recipients=[alice], kind="mention", title="Hello", url="/oude-noorden/")
    for _ in range(services.MAX_PERMANENT_ATTEMPTS):
        outbox_send_pending(ignore_schedule=True)
    message = OutboxMessage.objects.in_wijk(wijk).get()
    assert message.status == "failed"
    assert "550" in message.last_error
    assert services.outbox_retry_failed() == 1
    assert OutboxMessage.objects.in_wijk(wijk).get().status == "pending"
