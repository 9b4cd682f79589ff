"""Thanking a neighbour with the keyboard alone in a large wijk: Enter in the search finds them, Enter on the
neighbour chosen publishes (the Find button comes first in the form, so a browser alone would press Find)."""

from django.urls import reverse

from e2e.conftest import assert_accessible, shot
from e2e.helpers import log_in
from wijkplatform.accounts.models import User
from wijkplatform.community import selectors
from wijkplatform.community.models import Post
from wijkplatform.core.testing.factories import WijkFactory, member
from wijkplatform.wijken.models import Membership


def test_a_neighbour_is_found_and_thanked_with_the_keyboard(page, transactional_db):
    wijk = WijkFactory(slug="oude-noorden", name="Oude Noorden", city="Rotterdam", country="NL")
    fatima = member(wijk, display_name="Fatima")
    joost = member(wijk, display_name="Joost")
    others = User.objects.bulk_create(  # more than fit in a list: "who do you thank?" is a search
        User(email=f"buur{n}@example.org", display_name=f"Buur {n:02d}", password="!")
        for n in range(selectors.THANKED_LIST_MAX + 5)
    )
    Membership.objects.bulk_create(Membership(wijk=wijk, user=user) for user in others)

    log_in(page, fatima.email)
    page.goto(reverse("community:post_create", kwargs={"wijk_slug": wijk.slug}) + "?kind=thanks")
    assert_accessible(page)
    page.get_by_label("Your message").fill("Dank voor het maaien van het grasveld!")
    page.get_by_role("searchbox").fill("joo")
    page.get_by_role("searchbox").press("Enter")
    neighbour = page.get_by_role("radio", name="Joost")
    neighbour.wait_for()
    assert not Post.objects.in_wijk(wijk).exists()  # Enter in the search only finds
    neighbour.focus()
    page.keyboard.press("Space")
    shot(page, "01-neighbour-chosen")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/new" not in url)
    post = Post.objects.in_wijk(wijk).get()
    assert post.thanked == joost and post.kind == Post.Kind.THANKS
    shot(page, "02-thanked")
