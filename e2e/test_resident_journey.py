"""A resident posts to the feed, a neighbour likes it and comments, and the resident says they come to an event."""

from e2e.conftest import assert_accessible, shot
from e2e.helpers import log_in, log_out
from wijkplatform.community.models import Comment, Like, Post
from wijkplatform.core.testing.factories import WijkFactory, member
from wijkplatform.events.models import RSVP
from wijkplatform.events.tests.factories import first_date, make_event


def test_resident_posts_a_neighbour_reacts_and_the_resident_rsvps(page, transactional_db):
    wijk = WijkFactory(slug="oude-noorden", name="Oude Noorden", city="Rotterdam", country="NL")
    fatima = member(wijk, display_name="Fatima")
    joost = member(wijk, display_name="Joost")
    organiser = member(wijk, display_name="Organisator")
    event = make_event(wijk, organiser, title="Buurtborrel op het plein")

    log_in(page, fatima.email)
    page.goto("/oude-noorden/feed/")
    assert_accessible(page)
    page.get_by_text("Write a post").click()
    page.get_by_label("Your message").fill("Wie heeft er een ladder te leen? Zaterdag nodig.")
    shot(page, "01-write-post")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    post = Post.objects.in_wijk(wijk).get(author=fatima)
    assert post.text == "Wie heeft er een ladder te leen? Zaterdag nodig."
    page.goto("/oude-noorden/feed/")
    assert page.get_by_text("Wie heeft er een ladder te leen?").is_visible()
    shot(page, "02-posted")
    log_out(page)

    log_in(page, joost.email)
    page.goto(f"/oude-noorden/feed/{post.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Like").click()
    page.get_by_role("button", name="Liked").wait_for()
    assert page.get_by_text("1 like", exact=True).is_visible()
    page.get_by_label("Your comment").fill("Ik heb er een, kom maar langs!")
    page.get_by_role("button", name="Comment", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text("Ik heb er een, kom maar langs!").is_visible()
    shot(page, "03-liked-and-commented")
    assert Like.objects.in_wijk(wijk).filter(post=post, user=joost).exists()
    assert Comment.objects.in_wijk(wijk).get(post=post).author == joost
    log_out(page)

    log_in(page, fatima.email)
    occurrence = first_date(event)
    page.goto(f"/oude-noorden/events/date/{occurrence.pk}/")
    assert_accessible(page)
    assert page.get_by_role("heading", name="Buurtborrel op het plein").is_visible()
    page.get_by_role("button", name="Going", exact=True).click()
    page.get_by_text("Your answer: Going.").wait_for()
    assert page.get_by_text("1 going · 0 maybe").is_visible()
    shot(page, "04-rsvp")
    assert RSVP.objects.in_wijk(wijk).get(occurrence=occurrence, user=fatima).status == RSVP.Status.GOING
