"""A resident asks for a wijk, a neighbour co-signs, platform staff approve it, and the new wijk works at once."""

import re

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time

from e2e.conftest import assert_accessible, shot
from wijkplatform.core.testing.factories import PASSWORD, UserFactory
from wijkplatform.wijken.models import Wijk

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def log_in(page, email, mfa=False):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if mfa:
        page.wait_for_url(re.compile("2fa/authenticate"))
        counter = next(iter(yield_hotp_counters_from_time()))
        page.get_by_label("Code").fill(format_hotp_value(hotp_value(SECRET, counter)))
        page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


def test_staff_approve_a_request_and_the_new_wijk_works(page, transactional_db):
    lena = UserFactory(email="lena@example.org", display_name="Lena")
    UserFactory(email="buur@example.org", display_name="Buur")
    staff = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(staff, SECRET)

    log_in(page, lena.email)
    page.goto("/start/")
    page.get_by_label("Name of the neighbourhood").fill("Wrangelkiez")
    page.get_by_label("City or town").fill("Berlin")
    page.get_by_label("Country").select_option("DE")
    page.get_by_label("Latitude").fill("52.50050")
    page.get_by_label("Longitude").fill("13.43450")
    page.get_by_label("Why this neighbourhood").fill("Wir wollen Nachbarn verbinden.")
    assert_accessible(page)
    shot(page, "01-request")
    page.get_by_role("button", name="Send the request").click()
    assert page.get_by_text("Share this page with your neighbours").first.is_visible()
    share_url = page.url
    log_out(page)

    log_in(page, "buur@example.org")
    page.goto(share_url)
    page.get_by_role("button", name="Co-sign this request").click()
    assert page.get_by_text("1 neighbour co-signed").is_visible()
    shot(page, "02-co-signed")
    log_out(page)

    log_in(page, staff.email, mfa=True)
    page.goto("/start/review/")
    page.get_by_role("link", name="Wrangelkiez, Berlin").click()
    assert_accessible(page)
    page.get_by_role("button", name="Approve and start the wijk").click()
    page.wait_for_url(re.compile("/wrangelkiez/$"))
    assert page.get_by_role("heading", name="Wrangelkiez").is_visible()
    shot(page, "03-live")
    wijk = Wijk.objects.get(slug="wrangelkiez")
    assert wijk.time_zone == "Europe/Berlin"
    log_out(page)

    log_in(page, lena.email)  # the requester is its coordinator now: a member, with a role waiting for 2FA
    page.goto("/wrangelkiez/")
    assert page.get_by_text("You have a role that needs two-factor authentication").is_visible()
    shot(page, "04-coordinator")
