from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.urls import reverse

from wijkplatform.core.capabilities import can
from wijkplatform.core.testing.factories import PASSWORD, give_mfa, member


def current_code(secret):
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def test_person_sets_up_totp_and_then_needs_the_code_to_log_in(client, alice):
    client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))  # setting up 2FA asks for the password
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = response.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    alice.__dict__.pop("has_mfa", None)
    assert alice.has_mfa

    client.logout()
    response = client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200  # wrong code: asked again
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_editor_and_coordinator_roles_wait_for_two_factor(client, wijk):
    editor = member(wijk, "editor", mfa=False)
    assert not can(editor, "story.publish", wijk)
    assert can(editor, "post.create", wijk)  # still a resident
    client.force_login(editor)
    response = client.get(reverse("wijken:home", kwargs={"wijk_slug": wijk.slug}))
    assert "needs two-factor authentication" in response.content.decode()

    give_mfa(editor)
    assert can(editor, "story.publish", wijk)


def test_coordinator_without_two_factor_cannot_manage_members(client, wijk):
    coordinator = member(wijk, "coordinator", mfa=False)
    client.force_login(coordinator)
    assert client.get(reverse("wijken:members", kwargs={"wijk_slug": wijk.slug})).status_code == 403


def test_admin_needs_staff_with_two_factor(client, db):
    from wijkplatform.core.testing.factories import UserFactory

    staff_no_mfa = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff_no_mfa)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert "two-factor" in response.content.decode()

    give_mfa(staff_no_mfa)
    client.force_login(staff_no_mfa)
    assert client.get("/admin/").status_code == 200


def test_admin_login_goes_through_the_platform_login(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
