import datetime

from django.core.management import call_command
from django.utils import timezone

from wijkplatform.core.testing.factories import member
from wijkplatform.newsroom.models import Story, Transition
from wijkplatform.newsroom.tasks import publish_scheduled

from .factories import StoryFactory
from .helpers import url


def test_calendar_shows_scheduled_and_planned_stories_by_week(client, wijk):
    reporter = member(wijk, "reporter")
    now = timezone.localtime()
    StoryFactory(
        wijk=wijk,
        reporter=reporter,
        title="Goes out soon",
        status="scheduled",
        published_at=None,
        publish_at=now + datetime.timedelta(minutes=30),
    )
    StoryFactory(
        wijk=wijk,
        reporter=reporter,
        title="Still being written",
        status="draft",
        published_at=None,
        planned_for=now.date(),
    )
    StoryFactory(
        wijk=wijk,
        reporter=reporter,
        title="Far away",
        status="draft",
        published_at=None,
        planned_for=now.date() + datetime.timedelta(days=30),
    )
    client.force_login(reporter)
    page = client.get(url(wijk, "desk_calendar")).content.decode()
    assert "Goes out soon" in page and "Still being written" in page and "Far away" not in page
    week = (now.date() + datetime.timedelta(days=30)).strftime("%G-W%V")
    assert "Far away" in client.get(url(wijk, "desk_calendar") + f"?week={week}").content.decode()
    assert client.get(url(wijk, "desk_calendar") + "?week=nonsense").status_code == 200


def test_scheduled_stories_go_live_by_the_task_and_the_command(client, wijk, other_wijk):
    reporter = member(wijk, "reporter")
    past = timezone.now() - datetime.timedelta(minutes=1)
    due = StoryFactory(
        wijk=wijk, reporter=reporter, title="Due now", status="scheduled", published_at=None, publish_at=past
    )
    later = StoryFactory(
        wijk=wijk,
        reporter=reporter,
        title="Not yet",
        status="scheduled",
        published_at=None,
        publish_at=timezone.now() + datetime.timedelta(hours=2),
    )
    assert client.get(url(wijk, "story", pk=due.pk)).status_code == 404
    assert publish_scheduled.delay().get() == 1
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == Story.Status.PUBLISHED and due.published_at == past
    assert later.status == Story.Status.SCHEDULED
    assert Transition.objects.in_wijk(wijk).filter(story=due, action="publish", by=None).exists()
    assert client.get(url(wijk, "story", pk=due.pk)).status_code == 200
    Story.objects.in_wijk(wijk).filter(pk=later.pk).update(publish_at=past)
    call_command("publish_scheduled")
    later.refresh_from_db()
    assert later.status == Story.Status.PUBLISHED
