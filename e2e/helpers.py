"""Shared steps of the browser journeys: logging in (with a TOTP code where the role needs it) and out."""

import re
import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time

from wijkplatform.core.testing.factories import PASSWORD, member

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def member_with_totp(wijk, *roles, **user_fields):
    """A member with these roles whose authenticator app knows SECRET, so the browser can type its code."""
    user = member(wijk, *roles, mfa=False, **user_fields)
    TOTP.activate(user, SECRET)
    return user


def totp_code(secret=SECRET):
    # A code made in the last seconds of its window can reach the server in the next one (a busy machine, as in
    # a CI run beside another suite) and be refused: wait for a fresh window instead.
    period = mfa_settings.TOTP_PERIOD
    if time.time() % period > period - 5:
        time.sleep(period - time.time() % period + 0.1)
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def log_in(page, email, mfa=False, password=PASSWORD):
    """Log in through the allauth form; with mfa, answer the two-factor step with the current TOTP code."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    if mfa:
        page.wait_for_url(re.compile("2fa/authenticate"))
        page.get_by_label("Code").fill(totp_code())
        page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login" not in url and "2fa/authenticate" not in url)
    page.wait_for_load_state()


def log_out(page):
    """Log out with the button in the header (it posts, as allauth wants)."""
    page.goto("/")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    page.context.clear_cookies()
