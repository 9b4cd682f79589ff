import pytest
from django.core.exceptions import PermissionDenied

from wijkplatform.core.testing.factories import member
from wijkplatform.newsroom import services
from wijkplatform.newsroom.models import Revision, Story

from .helpers import url


@pytest.fixture
def reporter(wijk):
    return member(wijk, "reporter", display_name="Sanne")


@pytest.fixture
def editor(wijk):
    return member(wijk, "editor", display_name="Kees")


def form_data(story, **changes):
    data = {
        "title": story.title,
        "lead": story.lead,
        "body": story.body,
        "tags": story.tags,
        "language": story.language,
        "cover_caption": "",
        "cover_credit": "",
        "planned_for": "",
        "version": story.version,
    }
    data.update(changes)
    return data


def test_reporter_starts_and_saves_a_draft_without_javascript(client, wijk, reporter):
    client.force_login(reporter)
    response = client.post(url(wijk, "desk_new"), {"title": "The bakery turns fifty", "lead": "", "language": "nl"})
    story = Story.objects.in_wijk(wijk).get()
    assert response.status_code == 302 and story.reporter == reporter
    page = client.get(url(wijk, "desk_story", pk=story.pk)).content.decode()
    assert 'hx-trigger="every 30s"' in page and "Save" in page
    response = client.post(url(wijk, "desk_story", pk=story.pk), form_data(story, body="Since 1976 ..."))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.body == "Since 1976 ..." and story.version == 2
    assert Revision.objects.in_wijk(wijk).filter(story=story).count() == 2


def test_autosave_folds_into_one_revision_and_returns_the_new_version(client, wijk, reporter):
    story = services.story_create(wijk=wijk, by=reporter, title="Draft")
    client.force_login(reporter)
    response = client.post(
        url(wijk, "desk_autosave", pk=story.pk), form_data(story, body="one"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and 'value="2"' in response.content.decode()
    story.refresh_from_db()
    client.post(url(wijk, "desk_autosave", pk=story.pk), form_data(story, body="one two"), HTTP_HX_REQUEST="true")
    story.refresh_from_db()
    assert story.body == "one two" and story.version == 3
    revisions = Revision.objects.in_wijk(wijk).filter(story=story)
    assert revisions.count() == 2 and revisions.last().autosave
    response = client.post(url(wijk, "desk_autosave", pk=story.pk), form_data(story), HTTP_HX_REQUEST="true")
    assert "No changes" in response.content.decode()


def test_a_reporter_cannot_edit_someone_elses_story(client, wijk, reporter):
    story = services.story_create(wijk=wijk, by=reporter, title="Mine")
    other = member(wijk, "reporter", display_name="Other reporter")
    client.force_login(other)
    assert client.get(url(wijk, "desk_story", pk=story.pk)).status_code == 404
    assert client.post(url(wijk, "desk_story", pk=story.pk), form_data(story, title="Hacked")).status_code == 404
    with pytest.raises(PermissionDenied, match="someone else's story"):
        services.story_save(wijk=wijk, story=story, by=other, version=story.version, title="Hacked")
    story.refresh_from_db()
    assert story.title == "Mine"


def test_a_resident_cannot_enter_the_newsroom(client, wijk, alice):
    client.force_login(alice)
    assert client.get(url(wijk, "desk")).status_code == 403
    assert client.post(url(wijk, "desk_new"), {"title": "x", "language": "nl"}).status_code == 403


def test_reporter_cannot_edit_once_submitted(client, wijk, reporter):
    story = services.story_create(wijk=wijk, by=reporter, title="Submitted")
    services.story_transition(wijk=wijk, story=story, action="submit", by=reporter)
    client.force_login(reporter)
    response = client.post(url(wijk, "desk_story", pk=story.pk), form_data(story, title="Changed"))
    assert response.status_code == 409
    assert "with the editors" in response.content.decode()
    story.refresh_from_db()
    assert story.title == "Submitted"


def test_two_editors_saving_at_once_the_second_gets_a_conflict_and_keeps_their_text(client, wijk, reporter, editor):
    story = services.story_create(wijk=wijk, by=reporter, title="Shared", body="First line")
    services.story_transition(wijk=wijk, story=story, action="submit", by=reporter)
    second = member(wijk, "editor", display_name="Lotte")
    opened_version = story.version
    services.story_save(wijk=wijk, story=story, by=editor, version=opened_version, body="Kees was here")
    client.force_login(second)
    response = client.post(
        url(wijk, "desk_story", pk=story.pk),
        form_data(story, body="Lotte typed this carefully", version=opened_version),
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this story" in page
    assert "Lotte typed this carefully" in page  # the typed text is kept in the form
    assert "Kees was here" in page  # and the newest saved text is shown beside it
    story.refresh_from_db()
    assert story.body == "Kees was here"
    # Saving again from the conflict page (it carries the newest version) goes through.
    response = client.post(
        url(wijk, "desk_story", pk=story.pk),
        form_data(story, body="Lotte typed this carefully", version=story.version),
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.body == "Lotte typed this carefully"


def test_bad_input_gives_a_clear_400(client, wijk, reporter):
    story = services.story_create(wijk=wijk, by=reporter, title="Draft")
    client.force_login(reporter)
    response = client.post(url(wijk, "desk_story", pk=story.pk), form_data(story, title="", language="xx"))
    assert response.status_code == 400
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        url(wijk, "desk_story", pk=story.pk),
        {**form_data(story), "cover": SimpleUploadedFile("x.jpg", b"not an image")},
    )
    assert response.status_code == 400
    response = client.post(url(wijk, "desk_story", pk=story.pk), form_data(story, version="abc"))
    assert response.status_code == 400
