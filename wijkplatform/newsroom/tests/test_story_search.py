import pytest

from wijkplatform.core.testing.factories import member
from wijkplatform.newsroom import services
from wijkplatform.newsroom.tests.factories import StoryFactory

search_models = pytest.importorskip("wijkplatform.search.models")


def indexed(wijk, story):
    return search_models.SearchDocument.objects.in_wijk(wijk).filter(object_id=str(story.pk), kind="story")


def test_publishing_indexes_the_story_and_unpublishing_or_hiding_removes_it(wijk, django_capture_on_commit_callbacks):
    reporter, editor = member(wijk, "reporter"), member(wijk, "editor")
    for _n in range(3):
        StoryFactory(wijk=wijk, reporter=reporter)
    story = services.story_create(wijk=wijk, by=reporter, title="Searchable trees", body="Linden and oaks")
    with django_capture_on_commit_callbacks(execute=True):
        for action, by in (("submit", reporter), ("claim", editor), ("approve", editor), ("publish", editor)):
            services.story_transition(wijk=wijk, story=story, action=action, by=by)
    assert indexed(wijk, story).get().title == "Searchable trees"
    with django_capture_on_commit_callbacks(execute=True):
        services.story_transition(wijk=wijk, story=story, action="unpublish", by=editor, note="Old news")
    assert not indexed(wijk, story).exists()

    from wijkplatform.moderation import services as moderation
    from wijkplatform.moderation.selectors import guidelines_active

    with django_capture_on_commit_callbacks(execute=True):
        services.story_transition(wijk=wijk, story=story, action="publish", by=editor)
    assert indexed(wijk, story).exists()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.decide(
            wijk=wijk,
            content="newsroom.story",
            pk=story.pk,
            action="hide",
            by=member(wijk, "editor"),
            guideline_id=guidelines_active(wijk=wijk).first().pk,
        )
    assert not indexed(wijk, story).exists()
