"""With the Celery broker unreachable, saving still works and the outbox keeps the mail."""

import time

import pytest
from django.core import mail
from django.core.management import call_command

from wijkplatform.celery import app as celery_app
from wijkplatform.notifications.models import OutboxMessage
from wijkplatform.notifications.services import notify

from .smtp import free_port


def _reset_broker_pools():
    """Forget pooled broker connections, so the next publish connects to the broker_url set now."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down(settings):
    closed = free_port()
    old = {"broker_url": celery_app.conf.broker_url, "task_always_eager": celery_app.conf.task_always_eager}
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed}/0"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.broker_url = f"redis://127.0.0.1:{closed}/0"
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_connection_timeout = 1
    _reset_broker_pools()
    yield
    _reset_broker_pools()
    celery_app.conf.broker_url = old["broker_url"]
    celery_app.conf.task_always_eager = old["task_always_eager"]


@pytest.mark.django_db(transaction=True)
def test_saving_works_and_the_outbox_holds_the_mail_when_the_broker_is_down(
    wijk, alice, bob, broker_down, caplog
):
    from django.db import transaction

    started = time.monotonic()
    with transaction.atomic():
        notify(
            wijk=wijk, recipients=[alice], kind="reply", title="Bob replied", url="/oude-noorden/", actor=bob
        )
    # The commit ran the on_commit kick against the dead broker: no exception, no long wait.
    assert time.monotonic() - started < 10
    message = OutboxMessage.objects.in_wijk(wijk).get()
    assert message.status == "pending"
    assert mail.outbox == []
    # The periodic job (or the command) sends it later.
    call_command("send_outbox")
    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.in_wijk(wijk).get().status == "sent"
