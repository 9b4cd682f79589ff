import pytest
from django.core import mail

from wijkplatform.celery import app as celery_app
from wijkplatform.notifications import tasks
from wijkplatform.notifications.schedule import BEAT_SCHEDULE
from wijkplatform.notifications.services import notify


def test_beat_schedule_names_registered_tasks():
    celery_app.loader.import_default_modules()
    for entry in BEAT_SCHEDULE.values():
        assert entry["task"] in celery_app.tasks


@pytest.mark.django_db
def test_send_outbox_task_sends(wijk, alice):
    notify(wijk=wijk, recipients=[alice], kind="reply", title="A reply", url="/oude-noorden/")
    assert tasks.send_outbox.apply().get()["sent"] == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_digest_task_runs(wijk, alice):
    assert tasks.send_digests.apply(args=("daily",)).get() == 0


@pytest.mark.django_db
def test_the_demo_is_idempotent(wijk, alice, bob, coordinator):
    from wijkplatform.notifications import demo
    from wijkplatform.notifications.models import Notification

    people = {"resident": alice, "reporter": bob, "point_host": bob, "editor": coordinator}
    demo.populate(wijk=wijk, people=people)
    demo.populate(wijk=wijk, people=people)
    assert Notification.objects.in_wijk(wijk).filter(recipient=alice).count() == 3


@pytest.mark.django_db
def test_prune_forgets_old_sent_mail_and_read_notifications(wijk, alice):
    from datetime import timedelta

    from django.utils import timezone

    from wijkplatform.notifications.models import Notification, OutboxMessage

    notify(wijk=wijk, recipients=[alice], kind="reply", title="Old", url="/")
    notify(wijk=wijk, recipients=[alice], kind="reply", title="New", url="/")
    long_ago = timezone.now() - timedelta(days=200)
    Notification.objects.in_wijk(wijk).filter(title="Old").update(read_at=long_ago)
    OutboxMessage.objects.in_wijk(wijk).filter(subject__endswith="Old").update(
        status="sent", sent_at=long_ago
    )
    assert tasks.prune.apply().get() == {"sent_emails": 1, "read_notifications": 1}
    assert list(Notification.objects.in_wijk(wijk).values_list("title", flat=True)) == ["New"]
    assert OutboxMessage.objects.in_wijk(wijk).count() == 1
