"""A Point host records a resident's consent and posts on their behalf; the post says it was placed via the Point."""

from e2e.conftest import assert_accessible, shot
from e2e.helpers import log_in
from wijkplatform.community.models import Post
from wijkplatform.core.testing.factories import WijkFactory, member
from wijkplatform.points.models import AssistedAction, Consent
from wijkplatform.points.tests.factories import PointFactory, host_of


def test_point_host_posts_for_a_resident_who_is_not_online(page, transactional_db):
    wijk = WijkFactory(slug="oude-noorden", name="Oude Noorden", city="Rotterdam", country="NL")
    point = PointFactory(wijk=wijk, name="Buurthuis De Kade", slug="de-kade")
    host = member(wijk, "point_host", display_name="Host Hanna")
    host_of(point, host)
    truus = member(wijk, display_name="Oma Truus")

    log_in(page, host.email)
    page.goto("/oude-noorden/points/de-kade/")
    assert_accessible(page)
    page.get_by_role("link", name="Host desk: post for a resident").click()
    page.get_by_role("heading", name="Host desk of Buurthuis De Kade").wait_for()
    assert_accessible(page)
    shot(page, "01-host-desk")

    page.get_by_label("Resident:").select_option(label="Oma Truus")
    page.get_by_label("They agree that hosts of this Point may place").select_option("all")
    page.get_by_label("How they gave consent").fill("Paper form signed at the counter")
    page.get_by_label("The resident agreed, and knows they can withdraw").check()
    page.get_by_role("button", name="Record consent").click()
    page.get_by_text("The consent is recorded.").wait_for()
    consents = page.get_by_role("table")
    assert consents.get_by_role("cell", name="Oma Truus").is_visible()
    shot(page, "02-consent")
    consent = Consent.objects.in_wijk(wijk).get(point=point, resident=truus)
    assert consent.host == host and consent.withdrawn_at is None

    # Scoped to the form: the four forms on this page share the ids id_resident and id_text (see the report),
    # so the label "On behalf of" points at the consent form's select, not at this one.
    post_form = page.get_by_role("region", name="Post for a resident")
    post_form.locator("select[name=resident]").select_option(label="Oma Truus")
    post_form.locator("textarea[name=text]").fill("Wie kan mij dinsdag naar de markt brengen?")
    page.get_by_role("button", name="Place the post").click()
    page.get_by_text("The post is placed on the feed, marked as placed via this Point.").wait_for()
    shot(page, "03-placed")
    post = Post.objects.in_wijk(wijk).get(author=truus)
    assert post.text == "Wie kan mij dinsdag naar de markt brengen?"
    assert post.placed_by_id == host.pk and post.via_point_id == point.pk
    assert AssistedAction.objects.in_wijk(wijk).filter(point=point, resident=truus, host=host).count() == 1

    page.goto("/oude-noorden/feed/")
    card = page.locator(f"#post-{post.pk}")
    assert card.get_by_text("Oma Truus").is_visible()
    assert card.get_by_role("link", name="placed via Buurthuis De Kade").is_visible()
    assert_accessible(page)
    shot(page, "04-feed")
