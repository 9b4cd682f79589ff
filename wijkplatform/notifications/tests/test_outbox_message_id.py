"""Every outbox email carries a stable Message-ID: a resend after a crash carries the same one (so the
duplicate can be dropped), and different messages never share one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wijkplatform.core.testing.factories import member
from wijkplatform.notifications.models import OutboxMessage
from wijkplatform.notifications.services import STALE_CLAIM, notify, outbox_message_id, outbox_send_pending

from .test_outbox_smtp import smtp  # noqa: F401 - the real SMTP server (aiosmtpd) fixture


@pytest.fixture
def from_domain(settings):
    settings.DEFAULT_FROM_EMAIL = "LikeJeWijk <noreply@likejewijk.example>"
    return "likejewijk.example"


def _mention(wijk, people):
    notify(wijk=wijk, recipients=people, kind="mention", title="You were mentioned", url=f"/{wijk.slug}/")


@pytest.mark.django_db
def test_a_resend_after_a_crash_carries_the_same_message_id(wijk, alice, smtp, from_domain):  # noqa: F811
    _mention(wijk, [alice])
    assert outbox_send_pending()["sent"] == 1
    # The worker was killed after the server had accepted the email, before it was marked sent: the row is
    # still "being sent", and once the claim is stale the next run sends it again.
    message = OutboxMessage.objects.in_wijk(wijk).get()
    OutboxMessage.objects.in_wijk(wijk).filter(pk=message.pk).update(
        status="sending", sent_at=None, claimed_at=timezone.now() - STALE_CLAIM - timedelta(seconds=1)
    )
    assert outbox_send_pending()["sent"] == 1

    assert len(smtp.messages) == 2
    first, second = (m["message"]["Message-ID"] for m in smtp.messages)
    assert first == second
    created = int(message.created_at.timestamp())
    assert first == f"<outbox-{message.pk}.{created}.wijk-{wijk.pk}@{from_domain}>"
    assert first == outbox_message_id(OutboxMessage.objects.in_wijk(wijk).get())


@pytest.mark.django_db
def test_different_messages_have_different_message_ids(
    wijk,
    other_wijk,
    alice,
    bob,
    smtp,  # noqa: F811
    from_domain,
):
    _mention(wijk, [alice, bob])
    _mention(other_wijk, [member(other_wijk, display_name="Charlie")])
    assert outbox_send_pending()["sent"] == 3

    received = {m["to"][0]: m["message"]["Message-ID"] for m in smtp.messages}
    assert len(received) == 3 and len(set(received.values())) == 3
    for stored in OutboxMessage.objects.in_wijk(wijk):
        assert received[stored.to_email] == outbox_message_id(stored)
        assert received[stored.to_email].startswith(f"<outbox-{stored.pk}.")
    assert all(value.endswith(f"@{from_domain}>") for value in received.values())


def test_a_row_id_that_comes_back_after_a_restore_gets_another_message_id(settings):
    settings.DEFAULT_FROM_EMAIL = "noreply@likejewijk.example"
    sent_before = OutboxMessage(pk=7, wijk_id=1, created_at=timezone.now() - timedelta(days=1))
    after_restore = OutboxMessage(pk=7, wijk_id=1, created_at=timezone.now())
    assert outbox_message_id(sent_before) != outbox_message_id(after_restore)
    assert outbox_message_id(after_restore) == outbox_message_id(after_restore)


def test_the_domain_falls_back_to_the_host_name_when_the_sender_has_none(settings):
    from django.core.mail.utils import DNS_NAME
    from django.utils.encoding import punycode

    settings.DEFAULT_FROM_EMAIL = "LikeJeWijk"
    message = OutboxMessage(pk=7, wijk_id=1, created_at=timezone.now())
    assert outbox_message_id(message).endswith(f"@{punycode(str(DNS_NAME))}>")
