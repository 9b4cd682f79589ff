"""A newcomer signs up, confirms their email, joins a wijk and fills in a profile."""

import re

from django.core import mail

from e2e.conftest import assert_accessible, shot
from wijkplatform.core.testing.factories import WijkFactory

PASSWORD = "kade-noorderkanaal-2026"


def test_newcomer_signs_up_and_joins_a_wijk(page, transactional_db):
    WijkFactory(slug="oude-noorden", name="Oude Noorden", city="Rotterdam", country="NL")
    page.goto("/")
    assert_accessible(page)
    shot(page, "01-directory")
    page.get_by_role("link", name="Oude Noorden").click()
    assert_accessible(page)
    shot(page, "02-wijk-home")

    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Email").fill("nieuwe.buur@example.org")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    shot(page, "03-sign-up")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile("confirm-email"))

    link = re.search(r"http://[^/]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    page.goto("/oude-noorden/")
    page.get_by_role("button", name="Join Oude Noorden").click()
    assert page.get_by_text("Welcome to Oude Noorden!").is_visible()
    shot(page, "04-joined")

    page.goto("/accounts/profile/")
    page.get_by_label("Name shown to others").fill("Nieuwe Buur")
    page.get_by_label("What I can help with").fill("Boodschappen doen voor ouderen")
    page.get_by_role("button", name="Save profile").click()
    assert page.get_by_text("Your profile is saved.").is_visible()
    assert_accessible(page)
    shot(page, "05-profile")


def test_newcomer_joins_with_the_keyboard_alone(page, transactional_db, django_user_model):
    from wijkplatform.core.testing.factories import PASSWORD as TEST_PASSWORD
    from wijkplatform.core.testing.factories import UserFactory

    WijkFactory(slug="oude-noorden", name="Oude Noorden", city="Rotterdam", country="NL")
    person = UserFactory(email="toetsen@example.org")
    page.goto("/oude-noorden/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert focused_text(page) == "Skip to content"
    tab_to(page, "Log in")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/accounts/login/"))
    tab_to(page, "login", by="name")
    page.keyboard.type(person.email)
    page.keyboard.press("Tab")
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^http://[^/]+/oude-noorden/$"))

    # Tab to the join button and press it, as someone without a mouse would.
    tab_to(page, "Join Oude Noorden")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Welcome to Oude Noorden!").is_visible()
    shot(page, "keyboard-joined")


def focused_text(page, by="text"):
    if by == "name":
        return page.evaluate("document.activeElement.name")
    return page.evaluate("document.activeElement.textContent.trim()")


def tab_to(page, text, by="text", limit=40):
    """Press Tab until the element with this text (or form name) has the focus, as without a mouse."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_text(page, by) == text:
            return
    raise AssertionError(f"could not reach {text!r} with the keyboard")
