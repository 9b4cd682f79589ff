"""A coordinator logs in with two-factor authentication and makes a neighbour a wijkreporter."""

import re

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

from e2e.conftest import assert_accessible, shot
from wijkplatform.core.testing.factories import PASSWORD, WijkFactory, member
from wijkplatform.wijken.models import RoleAssignment


def test_coordinator_hands_out_a_role(page, transactional_db):
    from allauth.mfa.totp.internal.auth import TOTP

    wijk = WijkFactory(slug="oude-noorden", name="Oude Noorden", city="Rotterdam", country="NL")
    coordinator = member(wijk, "coordinator", mfa=False, display_name="Anouk")
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    TOTP.activate(coordinator, secret)
    neighbour = member(wijk, display_name="Sanne Verbeek")

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(coordinator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile("2fa/authenticate"))
    counter = next(iter(yield_hotp_counters_from_time()))
    page.get_by_label("Code").fill(format_hotp_value(hotp_value(secret, counter)))
    page.get_by_role("button", name="Sign In").click()

    page.goto("/oude-noorden/")
    page.get_by_role("link", name="Members").click()
    assert_accessible(page)
    shot(page, "01-members")
    page.get_by_role("link", name="Roles of Sanne Verbeek").click()
    page.get_by_label("Wijkreporter").check()
    shot(page, "02-roles")
    page.get_by_role("button", name="Save roles").click()
    assert page.get_by_text("The roles of Sanne Verbeek are saved.").is_visible()
    assert RoleAssignment.objects.in_wijk(wijk).filter(user=neighbour, role="reporter").exists()
