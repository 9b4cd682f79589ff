import pytest

from wijkplatform.core.testing.factories import member
from wijkplatform.moderation import services
from wijkplatform.moderation.models import Appeal
from wijkplatform.moderation.selectors import guidelines_active
from wijkplatform.newsroom.models import Story

from .helpers import story_of, url


@pytest.fixture
def hidden(wijk, alice, bob):
    editor = member(wijk, "editor")
    story = story_of(wijk, bob, title="Hidden story")
    guideline = guidelines_active(wijk=wijk).first()
    decision = services.decide(
        wijk=wijk,
        content="newsroom.story",
        pk=story.pk,
        action="hide",
        by=editor,
        guideline_id=guideline.pk,
        reason="Too harsh",
    )
    return story, decision, editor


def test_the_author_is_told_the_guideline_and_appeals_once(client, wijk, bob, hidden):
    story, decision, editor = hidden
    client.force_login(bob)
    appeal_url = url(wijk, "appeal", pk=decision.pk)
    page = client.get(appeal_url).content.decode()
    assert "Wees vriendelijk en respectvol" in page and "Too harsh" in page
    assert client.post(appeal_url, {"text": "It was a joke between neighbours."}).status_code == 302
    response = client.post(appeal_url, {"text": "Please look again!"})
    assert response.status_code == 409
    assert "once" in response.content.decode()
    assert Appeal.objects.in_wijk(wijk).count() == 1


def test_only_the_author_can_see_and_appeal(client, wijk, alice, hidden, charlie, other_wijk):
    _story, decision, _editor = hidden
    client.force_login(alice)
    assert client.get(url(wijk, "appeal", pk=decision.pk)).status_code == 404
    assert client.post(url(wijk, "appeal", pk=decision.pk), {"text": "x"}).status_code == 404
    assert not Appeal.objects.in_wijk(wijk).exists()


def test_an_empty_appeal_is_a_400(client, wijk, bob, hidden):
    client.force_login(bob)
    assert client.post(url(wijk, "appeal", pk=hidden[1].pk), {"text": ""}).status_code == 400


def test_editor_reverses_an_appeal_and_the_content_is_back(client, wijk, bob, hidden):
    story, decision, editor = hidden
    appeal = services.appeal_create(wijk=wijk, decision=decision, by=bob, text="Look again")
    other_editor = member(wijk, "editor")
    client.force_login(other_editor)
    assert "Look again" in client.get(url(wijk, "queue")).content.decode()
    assert client.post(url(wijk, "appeal_decide", pk=appeal.pk), {"outcome": "reversed"}).status_code == 302
    assert Story.objects.in_wijk(wijk).get(pk=story.pk).hidden_at is None
    assert client.post(url(wijk, "appeal_decide", pk=appeal.pk), {"outcome": "upheld"}).status_code == 409
