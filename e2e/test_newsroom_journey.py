"""A wijkreporter writes a story and submits it; an editor (with two-factor login) reviews and publishes it."""

import re

from e2e.conftest import assert_accessible, shot
from e2e.helpers import log_in, log_out, member_with_totp
from wijkplatform.core.testing.factories import WijkFactory, member
from wijkplatform.newsroom.models import Story
from wijkplatform.newsroom.tests.factories import StoryFactory


def test_reporter_writes_and_an_editor_publishes(page, transactional_db):
    wijk = WijkFactory(slug="oude-noorden", name="Oude Noorden", city="Rotterdam", country="NL")
    reporter = member(wijk, "reporter", display_name="Reporter Rik")
    editor = member_with_totp(wijk, "editor", display_name="Editor Eva")
    # Rik has published before, so one approval is enough (a reporter's first stories need two).
    StoryFactory.create_batch(3, wijk=wijk, reporter=reporter, editor=editor)

    log_in(page, reporter.email)
    page.goto("/oude-noorden/desk/stories/")
    assert_accessible(page)
    page.goto("/oude-noorden/desk/stories/new/")
    page.get_by_label("Title").fill("Veertig bomen langs de Noorderkanaalweg")
    page.get_by_label("Lead").fill("Buren plantten zaterdag veertig bomen.")
    shot(page, "01-new-story")
    page.get_by_role("button", name="Start writing").click()
    page.wait_for_url(re.compile(r"/desk/stories/\d+/$"))
    page.get_by_label("Story:", exact=True).fill("Het begon met **één** idee.\n\nToen kwam de hele straat helpen.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_load_state()
    assert page.get_by_text("the story is now “Submitted”", exact=False).is_visible()
    shot(page, "02-submitted")
    story = Story.objects.in_wijk(wijk).get(reporter=reporter, title__startswith="Veertig")
    assert story.status == Story.Status.SUBMITTED
    assert "hele straat" in story.body
    log_out(page)

    log_in(page, editor.email, mfa=True)
    page.goto("/oude-noorden/desk/stories/")
    assert_accessible(page)
    shot(page, "03-editor-desk")
    page.get_by_role("link", name="Veertig bomen langs de Noorderkanaalweg").first.click()
    page.get_by_role("button", name="Claim the review").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Approve").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_load_state()
    assert page.get_by_text("the story is now “Published”", exact=False).is_visible()
    shot(page, "04-published")
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED
    assert story.editor == editor and story.published_at is not None
    log_out(page)

    page.goto("/oude-noorden/stories/")
    assert_accessible(page)
    page.get_by_role("link", name="Veertig bomen langs de Noorderkanaalweg").first.click()
    assert page.get_by_role("heading", name="Veertig bomen langs de Noorderkanaalweg").is_visible()
    assert page.get_by_text("Toen kwam de hele straat helpen.").is_visible()
    assert_accessible(page)
    shot(page, "05-story-public")
