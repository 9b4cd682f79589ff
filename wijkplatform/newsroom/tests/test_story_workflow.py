import pytest
from django.utils import timezone

from wijkplatform.core.exceptions import CapabilityDenied
from wijkplatform.core.testing.factories import member
from wijkplatform.newsroom import services
from wijkplatform.newsroom.models import NewsroomSettings, Story, Transition
from wijkplatform.newsroom.workflow import WorkflowError

from .factories import StoryFactory
from .helpers import url


@pytest.fixture
def reporter(wijk):
    return member(wijk, "reporter", display_name="Sanne")


@pytest.fixture
def editor(wijk):
    return member(wijk, "editor", display_name="Kees")


@pytest.fixture
def editor2(wijk):
    return member(wijk, "editor", display_name="Lotte")


def draft(wijk, reporter):
    return services.story_create(
        wijk=wijk, by=reporter, title="Forty trees", lead="Along the canal", body="Saturday morning."
    )


def step(client, wijk, story, action, **data):
    return client.post(url(wijk, "desk_step", pk=story.pk), {"action": action, **data})


def experienced_reporter(wijk, reporter, count=3):
    for _n in range(count):
        StoryFactory(wijk=wijk, reporter=reporter)


def test_the_whole_way_from_draft_to_published_and_corrected(client, wijk, reporter, editor):
    experienced_reporter(wijk, reporter)
    story = draft(wijk, reporter)
    client.force_login(reporter)
    assert step(client, wijk, story, "submit").status_code == 302
    client.force_login(editor)
    assert step(client, wijk, story, "claim").status_code == 302
    assert step(client, wijk, story, "request_changes", note="Add a quote please").status_code == 302
    story.refresh_from_db()
    assert story.status == "changes_requested" and story.editor == editor
    client.force_login(reporter)
    client.post(url(wijk, "desk_comment", pk=story.pk), {"text": "Quote added."})
    assert step(client, wijk, story, "submit").status_code == 302
    client.force_login(editor)
    step(client, wijk, story, "claim")
    assert step(client, wijk, story, "approve").status_code == 302
    story.refresh_from_db()
    assert story.status == "approved"
    assert step(client, wijk, story, "publish").status_code == 302
    story.refresh_from_db()
    assert story.status == "published" and story.published_at
    assert "Forty trees" in client.get(url(wijk, "stories")).content.decode()
    assert step(client, wijk, story, "correct", note="The canal is the Noorderkanaal.").status_code == 302
    page = client.get(url(wijk, "story", pk=story.pk)).content.decode()
    assert "The canal is the Noorderkanaal." in page and "Correction" in page
    assert step(client, wijk, story, "unpublish", note="Asked by the family").status_code == 302
    assert client.get(url(wijk, "story", pk=story.pk)).status_code == 404
    steps = list(
        Transition.objects.in_wijk(wijk).filter(story=story).values_list("action", "from_status", "to_status", "by_id")
    )
    assert ("claim", "submitted", "in_review", editor.pk) in steps
    assert ("unpublish", "published", "unpublished", editor.pk) in steps
    assert all(t.at for t in Transition.objects.in_wijk(wijk).filter(story=story))
    page = client.get(url(wijk, "desk_story", pk=story.pk)).content.decode()
    assert "Add a quote please" in page and "Quote added." in page


def test_a_step_that_skips_a_step_is_a_409_and_changes_nothing(client, wijk, reporter, editor):
    story = draft(wijk, reporter)
    client.force_login(editor)
    response = step(client, wijk, story, "publish")
    assert response.status_code == 409
    assert "not possible" in response.content.decode()
    story.refresh_from_db()
    assert story.status == "draft"
    assert step(client, wijk, story, "fly").status_code == 409


def test_nobody_approves_their_own_story(client, wijk, editor, editor2):
    story = services.story_create(wijk=wijk, by=editor, title="My own")
    services.story_transition(wijk=wijk, story=story, action="submit", by=editor)
    client.force_login(editor)
    response = step(client, wijk, story, "claim")
    assert response.status_code == 403
    assert "own story" in response.content.decode()
    services.story_transition(wijk=wijk, story=story, action="claim", by=editor2)
    with pytest.raises(CapabilityDenied):
        services.story_transition(wijk=wijk, story=story, action="approve", by=editor)
    story.refresh_from_db()
    assert story.status == "in_review"


def test_publishing_without_the_capability_is_refused(client, wijk, reporter, editor):
    experienced_reporter(wijk, reporter)
    story = draft(wijk, reporter)
    services.story_transition(wijk=wijk, story=story, action="submit", by=reporter)
    services.story_transition(wijk=wijk, story=story, action="claim", by=editor)
    services.story_transition(wijk=wijk, story=story, action="approve", by=editor)
    client.force_login(reporter)
    assert step(client, wijk, story, "publish").status_code == 403
    story.refresh_from_db()
    assert story.status == "approved"


def test_first_stories_need_two_approvals(wijk, reporter, editor, editor2):
    story = draft(wijk, reporter)
    services.story_transition(wijk=wijk, story=story, action="submit", by=reporter)
    services.story_transition(wijk=wijk, story=story, action="claim", by=editor)
    services.story_transition(wijk=wijk, story=story, action="approve", by=editor)
    story.refresh_from_db()
    assert story.status == "in_review"
    with pytest.raises(WorkflowError):
        services.story_transition(wijk=wijk, story=story, action="approve", by=editor)
    services.story_transition(wijk=wijk, story=story, action="approve", by=editor2)
    story.refresh_from_db()
    assert story.status == "approved"


def test_one_approval_of_an_experienced_editor_is_enough(wijk, reporter, editor):
    NewsroomSettings.objects.create(wijk=wijk, first_stories_count=3, experienced_after=1)
    old = StoryFactory(wijk=wijk, reporter=member(wijk, "reporter"), status="in_review", published_at=None)
    from wijkplatform.newsroom.models import Approval

    Approval.objects.create(wijk=wijk, story=old, editor=editor, version=1)
    story = draft(wijk, reporter)
    services.story_transition(wijk=wijk, story=story, action="submit", by=reporter)
    services.story_transition(wijk=wijk, story=story, action="claim", by=editor)
    services.story_transition(wijk=wijk, story=story, action="approve", by=editor)
    story.refresh_from_db()
    assert story.status == "approved"


def test_scheduling_needs_a_future_moment(client, wijk, reporter, editor):
    experienced_reporter(wijk, reporter)
    story = draft(wijk, reporter)
    for action, by in (("submit", reporter), ("claim", editor), ("approve", editor)):
        services.story_transition(wijk=wijk, story=story, action=action, by=by)
    client.force_login(editor)
    assert step(client, wijk, story, "schedule", publish_at="2001-01-01T10:00").status_code == 400
    assert step(client, wijk, story, "schedule", publish_at="not a date").status_code == 400
    future = (timezone.localtime() + timezone.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    assert step(client, wijk, story, "schedule", publish_at=future).status_code == 302
    story.refresh_from_db()
    assert story.status == Story.Status.SCHEDULED and story.publish_at


def test_transitions_notify_the_people_involved(wijk, reporter, editor):
    from wijkplatform.notifications.models import Notification

    story = draft(wijk, reporter)
    services.story_transition(wijk=wijk, story=story, action="submit", by=reporter)
    services.story_transition(wijk=wijk, story=story, action="claim", by=editor)
    assert Notification.objects.in_wijk(wijk).filter(recipient=editor).exists()
    assert Notification.objects.in_wijk(wijk).filter(recipient=reporter).exists()
