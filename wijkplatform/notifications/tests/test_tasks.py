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
