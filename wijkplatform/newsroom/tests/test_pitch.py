from wijkplatform.core.testing.factories import member
from wijkplatform.newsroom.models import Pitch, Story

from .helpers import url


def test_member_pitches_and_editor_assigns_it_to_a_reporter(client, wijk, alice):
    reporter = member(wijk, "reporter", display_name="Sanne")
    editor = member(wijk, "editor")
    client.force_login(alice)
    assert client.post(url(wijk, "pitch"), {"title": "The bakery turns fifty", "summary": "Party!"}).status_code == 302
    pitch = Pitch.objects.in_wijk(wijk).get()
    assert pitch.by == alice
    assert client.post(url(wijk, "pitch"), {"title": ""}).status_code == 400
    # A resident cannot assign.
    assert client.get(url(wijk, "desk_pitches")).status_code == 403
    client.force_login(editor)
    page = client.get(url(wijk, "desk_pitches")).content.decode()
    assert "The bakery turns fifty" in page and "Sanne" in page
    response = client.post(
        url(wijk, "desk_pitch_assign", pk=pitch.pk),
        {f"p{pitch.pk}-reporter": reporter.pk, f"p{pitch.pk}-planned_for": "2026-12-01"},
    )
    assert response.status_code == 302
    story = Story.objects.in_wijk(wijk).get()
    assert story.reporter == reporter and story.status == "draft" and str(story.planned_for) == "2026-12-01"
    pitch.refresh_from_db(from_queryset=Pitch.objects.in_wijk(wijk))
    assert pitch.status == "assigned" and pitch.story_id == story.pk
    # Assigning twice is refused.
    client.post(url(wijk, "desk_pitch_assign", pk=pitch.pk), {f"p{pitch.pk}-reporter": reporter.pk})
    assert Story.objects.in_wijk(wijk).count() == 1


def test_a_pitch_cannot_go_to_someone_who_is_not_a_reporter(client, wijk, alice, bob):
    editor = member(wijk, "editor")
    pitch = Pitch.objects.create(wijk=wijk, title="Idea", by=alice)
    client.force_login(editor)
    response = client.post(url(wijk, "desk_pitch_assign", pk=pitch.pk), {f"p{pitch.pk}-reporter": bob.pk}, follow=True)
    assert "Choose a reporter" in response.content.decode()
    assert not Story.objects.in_wijk(wijk).exists()


def test_visitor_must_log_in_to_pitch(client, wijk):
    assert client.get(url(wijk, "pitch")).status_code == 302
