import pytest
from django.core.management import call_command  # noqa: F401
from django.utils import timezone

from wijkplatform.core.capabilities import can
from wijkplatform.core.testing.factories import member
from wijkplatform.moderation import services
from wijkplatform.moderation.models import AuditEntry, Decision, Report, Suspension
from wijkplatform.moderation.selectors import guidelines_active
from wijkplatform.newsroom.models import Story
from wijkplatform.wijken.models import Membership

from .helpers import story_of, url


@pytest.fixture
def editor(wijk):
    return member(wijk, "editor", display_name="Kees")


def reported_story(wijk, author, reporter):
    story = story_of(wijk, author, title="Reported story")
    services.report_create(
        wijk=wijk,
        content="newsroom.story",
        pk=story.pk,
        by=reporter,
        guideline_id=guidelines_active(wijk=wijk).first().pk,
    )
    return story


def test_editor_sees_the_queue_and_hides_with_a_reason(client, wijk, alice, bob, editor):
    story = reported_story(wijk, bob, alice)
    client.force_login(editor)
    page = client.get(url(wijk, "queue")).content.decode()
    assert "Reported story" in page and "1 report" in page
    decide_url = url(wijk, "decide", content="newsroom.story", pk=story.pk)
    guideline = guidelines_active(wijk=wijk).first()
    response = client.post(decide_url, {"action": "hide", "guideline": guideline.pk, "reason": "Not kind"})
    assert response.status_code == 302
    hidden = Story.objects.in_wijk(wijk).get(pk=story.pk)
    assert hidden.hidden_at and guideline.title in hidden.hidden_reason
    assert client.get(f"/{wijk.slug}/stories/{story.pk}/").status_code == 404
    assert Report.objects.in_wijk(wijk).get().status == "decided"
    decision = Decision.objects.in_wijk(wijk).get()
    assert decision.member == bob and decision.by == editor
    assert AuditEntry.objects.in_wijk(wijk).filter(action="decision_hide").exists()
    assert "Reported story" not in client.get(url(wijk, "queue")).content.decode()


def test_keep_remove_and_warn(wijk, alice, bob, editor):
    guideline = guidelines_active(wijk=wijk).first()
    kept = reported_story(wijk, bob, alice)
    services.decide(wijk=wijk, content="newsroom.story", pk=kept.pk, action="keep", by=editor)
    assert Story.objects.in_wijk(wijk).get(pk=kept.pk).hidden_at is None
    removed = reported_story(wijk, bob, member(wijk))
    services.decide(
        wijk=wijk,
        content="newsroom.story",
        pk=removed.pk,
        action="remove",
        by=editor,
        guideline_id=guideline.pk,
    )
    assert not Story.objects.in_wijk(wijk).filter(pk=removed.pk).exists()
    services.decide(
        wijk=wijk,
        content="accounts.user",
        pk=bob.pk,
        action="warn",
        by=editor,
        guideline_id=guideline.pk,
        reason="Please be kind",
    )
    assert Decision.objects.in_wijk(wijk).filter(action="warn", member=bob).exists()


def test_suspend_a_member_for_a_time_and_lift_it_after(client, wijk, bob, editor):
    guideline = guidelines_active(wijk=wijk).first()
    client.force_login(editor)
    decide_url = url(wijk, "decide", content="accounts.user", pk=bob.pk)
    assert client.post(decide_url, {"action": "suspend", "guideline": guideline.pk}).status_code == 400  # days
    assert client.post(decide_url, {"action": "hide", "guideline": guideline.pk}).status_code == 400  # profile
    assert (
        client.post(decide_url, {"action": "suspend", "guideline": guideline.pk, "suspend_days": 7}).status_code == 302
    )
    membership = Membership.objects.in_wijk(wijk).get(user=bob)
    assert membership.status == "suspended"
    bob.__dict__.pop("_wijk_roles", None)
    assert not can(bob, "post.create", wijk)
    suspension = Suspension.objects.in_wijk(wijk).get()
    assert (suspension.until - timezone.now()).days in (6, 7)
    assert services.suspensions_lift_due() == 0
    assert services.suspensions_lift_due(now=suspension.until + timezone.timedelta(seconds=1)) == 1
    assert Membership.objects.in_wijk(wijk).get(user=bob).status == "active"


def test_decisions_need_the_capability_and_a_guideline(client, wijk, alice, bob, editor):
    story = reported_story(wijk, bob, alice)
    decide_url = url(wijk, "decide", content="newsroom.story", pk=story.pk)
    client.force_login(alice)
    assert client.get(url(wijk, "queue")).status_code == 403
    assert client.post(decide_url, {"action": "hide"}).status_code == 403
    client.force_login(editor)
    assert client.post(decide_url, {"action": "hide"}).status_code == 400
    assert client.post(decide_url, {"action": "explode"}).status_code == 400
    assert Story.objects.in_wijk(wijk).get(pk=story.pk).hidden_at is None


def test_an_editor_does_not_decide_about_their_own_content(wijk, alice, editor):
    from wijkplatform.core.exceptions import CapabilityDenied

    story = reported_story(wijk, editor, alice)
    with pytest.raises(CapabilityDenied):
        services.decide(wijk=wijk, content="newsroom.story", pk=story.pk, action="keep", by=editor)


def test_the_queue_answers_in_a_few_queries(client, wijk, bob, editor, django_assert_max_num_queries):
    for n in range(6):
        reported_story(wijk, bob, member(wijk, display_name=f"Reporter {n}"))
    client.force_login(editor)
    with django_assert_max_num_queries(10):
        response = client.get(url(wijk, "queue"))
    assert response.content.decode().count("Look and decide") == 6
