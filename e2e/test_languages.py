"""The platform in a right-to-left language: Arabic pages read from the right and stay accessible."""

from e2e.conftest import assert_accessible, shot
from wijkplatform.core.testing.factories import WijkFactory


def test_arabic_wijk_home_reads_right_to_left(page, transactional_db):
    WijkFactory(slug="oude-noorden", name="Oude Noorden", city="Rotterdam", country="NL")
    page.goto("/oude-noorden/")
    page.get_by_label("Language").select_option("ar")  # the switcher in the footer, as a visitor would
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    # The wijk's name starts at the right edge of the header.
    box = page.locator(".brand").bounding_box()
    width = page.viewport_size["width"]
    assert box["x"] + box["width"] > width / 2
    assert_accessible(page)
    shot(page, "arabic-home")
