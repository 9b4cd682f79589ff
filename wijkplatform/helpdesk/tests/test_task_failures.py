"""Failed and pending tasks on the wijk health page: failures recorded by Celery's task_failure signal with the
wijk the task was about, the broker queue's length in Redis, and the nightly pruning of old failures."""

import datetime
import uuid

import pytest
from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from wijkplatform.core import metrics
from wijkplatform.core.testing.factories import member
from wijkplatform.helpdesk.models import TaskFailure
from wijkplatform.helpdesk.taskfailures import wijk_id_of_task

pytestmark = pytest.mark.django_db

REDIS_TEST_DB = "redis://127.0.0.1:6379/12"


@shared_task(name="wijkplatform.tests.helpdesk.photo_fails")
def photo_fails(photo_id, wijk_id):
    raise ValueError(f"photo {photo_id} cannot be read")


@shared_task(name="wijkplatform.tests.helpdesk.slug_fails")
def slug_fails(wijk_slug, reason="broken"):
    raise RuntimeError(f"feed of {wijk_slug} is {reason}")


@shared_task(name="wijkplatform.tests.helpdesk.nightly_fails")
def nightly_fails():
    raise KeyError("every wijk")


@pytest.fixture
def as_on_a_worker():
    """In-process, but as on a worker: the task fails and the caller goes on (so Celery sends task_failure)."""
    from wijkplatform.celery import app

    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = True


def health_url(wijk):
    return reverse("helpdesk:health", kwargs={"wijk_slug": wijk.slug})


def test_a_failing_task_is_stored_for_its_wijk_and_shown_on_that_wijks_health_page(
    client, wijk, other_wijk, as_on_a_worker
):
    before = metrics.TASK_FAILURES.labels(task="wijkplatform.tests.helpdesk.photo_fails")._value.get()

    assert photo_fails.delay(7, wijk.pk).failed()
    assert slug_fails.delay(wijk_slug=other_wijk.slug, reason="secret-of-harlem").failed()
    assert nightly_fails.delay().failed()

    mine = TaskFailure.objects.get(wijk=wijk)
    assert mine.task == "wijkplatform.tests.helpdesk.photo_fails"
    assert mine.error == "ValueError" and mine.message == "photo 7 cannot be read"
    assert TaskFailure.objects.get(wijk=other_wijk).error == "RuntimeError"
    assert TaskFailure.objects.get(wijk__isnull=True).error == "KeyError"
    # The Prometheus counter listens to the same signal: one failure, counted once there too.
    assert metrics.TASK_FAILURES.labels(task="wijkplatform.tests.helpdesk.photo_fails")._value.get() == before + 1

    client.force_login(member(wijk, "tech_helper"))
    text = client.get(health_url(wijk)).content.decode()
    assert "Failed and pending tasks" in text
    assert "1 failed task in the last day" in text
    assert "wijkplatform.tests.helpdesk.photo_fails" in text and "photo 7 cannot be read" in text
    # Another wijk's failure is not shown; one about no single wijk only as a number.
    assert "secret-of-harlem" not in text and "slug_fails" not in text
    assert "every wijk" not in text and "And 1 failed task about no single wijk" in text

    client.force_login(member(other_wijk, "tech_helper"))
    text = client.get(health_url(other_wijk)).content.decode()
    assert "secret-of-harlem" in text and "photo 7 cannot be read" not in text


def test_the_failures_of_the_last_day_only(client, wijk, as_on_a_worker):
    photo_fails.delay(1, wijk.pk)
    photo_fails.delay(2, wijk.pk)
    TaskFailure.objects.filter(message="photo 1 cannot be read").update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    client.force_login(member(wijk, "tech_helper"))
    text = client.get(health_url(wijk)).content.decode()
    assert "photo 2 cannot be read" in text and "photo 1 cannot be read" not in text


def test_the_wijk_comes_from_the_tasks_arguments(wijk):
    assert wijk_id_of_task(photo_fails, (3, wijk.pk), {}) == wijk.pk
    assert wijk_id_of_task(photo_fails, (3,), {"wijk_id": str(wijk.pk)}) == wijk.pk
    assert wijk_id_of_task(slug_fails, (wijk.slug,), {}) == wijk.pk
    assert wijk_id_of_task(slug_fails, (), {"wijk_slug": "no-such-wijk"}) is None
    assert wijk_id_of_task(photo_fails, (3, 999_999), {}) is None  # no such wijk: stored without one
    assert wijk_id_of_task(nightly_fails, (), {}) is None
    assert wijk_id_of_task(nightly_fails, (1, 2, 3), {}) is None  # arguments that do not fit


def test_a_failure_that_cannot_be_stored_does_not_hide_the_tasks_error(wijk, as_on_a_worker, monkeypatch):
    from wijkplatform.helpdesk import services

    def broken(**kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(services, "task_failure_record", broken)
    result = photo_fails.delay(5, wijk.pk)
    assert result.failed() and isinstance(result.result, ValueError)
    assert not TaskFailure.objects.exists()


@pytest.fixture
def redis_queue(settings):
    """A real Redis broker (database 12) with a queue of its own; the queue's keys are deleted afterwards."""
    import redis

    client = redis.Redis.from_url(REDIS_TEST_DB, socket_connect_timeout=1)
    try:
        client.ping()
    except Exception as error:  # noqa: BLE001
        pytest.skip(f"needs Redis on 127.0.0.1:6379 ({type(error).__name__})")
    queue = f"wijk-test-health-{uuid.uuid4().hex}"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = REDIS_TEST_DB
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    yield client, queue
    for key in client.scan_iter(match=f"*{queue}*"):
        client.delete(key)


@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")  # send_task always publishes
def test_pending_counts_the_tasks_in_the_redis_queue_and_the_waiting_emails(client, wijk, redis_queue, monkeypatch):
    from kombu import Connection

    from wijkplatform.celery import app
    from wijkplatform.core import health
    from wijkplatform.notifications.models import OutboxMessage

    redis_client, queue = redis_queue
    # Real task messages, published by Celery into the Redis list of the queue (nobody consumes them).
    with Connection(REDIS_TEST_DB) as connection:
        for _n in range(3):
            app.send_task("notifications.send_outbox", args=(), queue=queue, connection=connection)
    assert redis_client.llen(queue) == 3
    OutboxMessage.objects.create(wijk=wijk, to_email="a@example.org", kind="test", subject="Hi", body="Hello")
    # The "task queue up?" line asks the worker's broker, which this test does not replace.
    monkeypatch.setattr(health, "check_broker", lambda: (True, "redis"))

    client.force_login(member(wijk, "coordinator"))
    text = client.get(health_url(wijk)).content.decode()
    assert '<th scope="row">Tasks waiting in the queue</th>\n      <td>3</td>' in text
    assert "for the whole platform" in text
    assert '<th scope="row">Pending in all</th><td>4</td>' in text

    redis_client.delete(queue)
    text = client.get(health_url(wijk)).content.decode()
    assert '<th scope="row">Pending in all</th><td>1</td>' in text


def test_pending_says_when_tasks_run_in_process(client, wijk, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client.force_login(member(wijk, "tech_helper"))
    text = client.get(health_url(wijk)).content.decode()
    assert "No task queue: tasks run in-process" in text


def test_pending_says_when_the_queue_cannot_be_read(client, wijk, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/12"  # nothing listens there
    from wijkplatform.core import health

    client.force_login(member(wijk, "tech_helper"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(health, "check_broker", lambda: (False, "ConnectionError"))
        text = client.get(health_url(wijk)).content.decode()
    assert "The task queue cannot be read." in text


def test_old_failures_are_pruned_by_a_nightly_task(wijk, settings):
    from wijkplatform.celery import app
    from wijkplatform.helpdesk.tasks import prune_task_failures

    old = TaskFailure.objects.create(wijk=wijk, task="t", error="E", message="old")
    kept = TaskFailure.objects.create(wijk=None, task="t", error="E", message="recent")
    TaskFailure.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    TaskFailure.objects.filter(pk=kept.pk).update(created_at=timezone.now() - datetime.timedelta(days=29))

    prune_task_failures.delay()

    assert list(TaskFailure.objects.values_list("message", flat=True)) == ["recent"]
    entry = settings.CELERY_BEAT_SCHEDULE["helpdesk-prune-task-failures"]
    assert entry["task"] == "helpdesk.prune_task_failures" and entry["task"] in app.tasks


def test_only_tech_helpers_and_coordinators_see_it(client, wijk, other_wijk, alice, stranger):
    TaskFailure.objects.create(wijk=wijk, task="t", error="E", message="private-failure")
    assert client.get(health_url(wijk)).status_code == 302  # to the login page
    for person in (alice, stranger, member(other_wijk, "tech_helper")):
        client.force_login(person)
        response = client.get(health_url(wijk))
        assert response.status_code in (403, 404)
        assert "private-failure" not in response.content.decode()
