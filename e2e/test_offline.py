"""A visited page opens again when the phone is offline (the service worker keeps it)."""

from e2e.conftest import shot
from wijkplatform.core.testing.factories import WijkFactory


def test_visited_page_shows_offline(page, transactional_db):
    WijkFactory(slug="oude-noorden", name="Oude Noorden", city="Rotterdam", country="NL")
    page.goto("/oude-noorden/")
    page.evaluate("async () => { await navigator.serviceWorker.ready; return true; }")
    page.reload()  # now under the service worker's control: this visit is kept
    assert page.evaluate("() => navigator.serviceWorker.controller !== null")
    page.context.set_offline(True)
    page.reload()
    assert page.get_by_role("heading", name="Oude Noorden").is_visible()
    page.goto("/never-visited-wijk/")
    assert page.get_by_role("heading", name="You are offline").is_visible()
    shot(page, "offline")
    page.context.set_offline(False)
