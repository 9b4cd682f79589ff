import pytest
from django.core import mail

from wijkplatform.notifications.models import Channel, Notification, NotificationPreference, OutboxMessage
from wijkplatform.notifications.services import email_send, notify, outbox_send_pending


@pytest.mark.django_db
def test_notify_writes_notification_and_outbox_by_preference(wijk, alice, bob, coordinator, charlie):
    NotificationPreference.objects.create(wijk=wijk, user=coordinator, kind="reply", channel=Channel.OFF)
    created = notify(
        wijk=wijk,
        recipients=[alice, bob, coordinator, charlie],
        kind="reply",
        title="Bob replied to your post",
        url="/oude-noorden/feed/1/",
        actor=bob,
        body="Nice!",
    )
    # Bob is the actor, the coordinator turned replies off, Charlie is not a member of this wijk.
    assert [n.recipient for n in created] == [alice]
    assert Notification.objects.in_wijk(wijk).filter(recipient=alice, actor=bob).count() == 1
    message = OutboxMessage.objects.in_wijk(wijk).get()
    assert message.to_email == alice.email
    assert message.status == "pending"
    assert "Bob replied to your post" in message.subject
    assert "http://127.0.0.1:8000/oude-noorden/feed/1/" in message.body
    assert message.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/oude-noorden/notifications/unsubscribe/" in message.headers["List-Unsubscribe"]


@pytest.mark.django_db
def test_in_app_kind_makes_no_email(wijk, alice):
    notify(wijk=wijk, recipients=[alice], kind="story_status", title="Your story is published", url="/x/")
    assert Notification.objects.in_wijk(wijk).filter(recipient=alice).count() == 1
    assert not OutboxMessage.objects.in_wijk(wijk).exists()


@pytest.mark.django_db
def test_outbox_is_sent_with_django_email(wijk, alice):
    notify(wijk=wijk, recipients=[alice], kind="mention", title="Bob mentioned you", url="/oude-noorden/")
    counts = outbox_send_pending()
    assert counts["sent"] == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [alice.email]
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert OutboxMessage.objects.in_wijk(wijk).get().status == "sent"
    assert outbox_send_pending()["sent"] == 0  # never twice


@pytest.mark.django_db
def test_email_send_to_an_address_without_account(wijk):
    message = email_send(
        wijk=wijk,
        to_email="asker@example.net",
        subject="Your question",
        body="We answered.",
        kind="ticket_reply",
    )
    assert message.status == "pending"
    assert "We answered." in message.body
    assert "List-Unsubscribe" in message.headers


@pytest.mark.django_db
def test_email_send_refuses_a_bad_address(wijk):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        email_send(wijk=wijk, to_email="not an address", subject="x", body="y", kind="ticket_reply")
    assert not OutboxMessage.objects.in_wijk(wijk).exists()


@pytest.mark.django_db
def test_a_title_with_newlines_still_makes_a_valid_email(wijk, alice):
    notify(wijk=wijk, recipients=[alice], kind="reply", title="Line one\r\nBcc: evil@example.org", url="/x/")
    email_send(wijk=wijk, to_email="a@example.net", subject="Hi\nthere", body="x", kind="ticket_reply")
    assert outbox_send_pending()["sent"] == 2
    assert [m.subject for m in mail.outbox] == [
        "Oude Noorden: Line one Bcc: evil@example.org",
        "Hi there",
    ]
    assert all(m.bcc == [] for m in mail.outbox)
