from wijkplatform.events import services
from wijkplatform.events.tests.factories import make_event
from wijkplatform.search.models import SearchDocument


def test_a_published_event_is_searchable_and_leaves_the_index_when_cancelled(
    wijk, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(wijk, alice, title="Rommelmarkt", description="Spullen **ruilen** op het plein")
    document = SearchDocument.objects.in_wijk(wijk).get()
    assert document.kind == "event" and document.title == "Rommelmarkt"
    assert "ruilen" in document.body and "**" not in document.body
    assert document.url == event.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(wijk=wijk, event=event, by=alice)
    assert not SearchDocument.objects.in_wijk(wijk).exists()
