import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from wijkplatform.accounts.models import User

STRONG = "lantaarnpaal-zwaanshals-42"


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def signup(client, email, password=STRONG, password2=None):
    return client.post(reverse("account_signup"), {
        "email": email, "password1": password, "password2": password2 or password,
    })


def test_sign_up_confirm_and_log_in(client, db):
    response = signup(client, "Nieuw.Buur@Example.org")
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "nieuw.buur@example.org"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[0].body).group(1)

    client.get(link)
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    response = client.post(reverse("account_login"), {"login": "nieuw.buur@example.org", "password": STRONG})
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_unverified_person_cannot_log_in(client, db):
    signup(client, "late@example.org")
    client.logout()
    response = client.post(reverse("account_login"), {"login": "late@example.org", "password": STRONG})
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")


@pytest.mark.parametrize("email", ["not-an-email", "a@", "@example.org", ""])
def test_malformed_email_is_refused_with_a_message(client, db, email):
    response = signup(client, email)
    assert response.status_code == 200
    assert b"errorlist" in response.content or b"error" in response.content
    assert User.objects.count() == 0


def test_taken_email_is_refused_with_a_message(client, alice):
    response = signup(client, alice.email.upper())
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert User.objects.count() == 1


@pytest.mark.parametrize("password", ["short", "password123", "12345678901", "welkom"])
def test_weak_password_is_refused(client, db, password):
    response = signup(client, "zwak@example.org", password=password)
    assert response.status_code == 200
    assert User.objects.filter(email="zwak@example.org").count() == 0


def test_password_reset_sends_a_working_link(client, alice):
    client.post(reverse("account_reset_password"), {"email": alice.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(form_url, {"password1": STRONG, "password2": STRONG})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(STRONG)


def test_login_is_rate_limited(client, alice, settings):
    for _ in range(6):
        client.post(reverse("account_login"), {"login": alice.email, "password": "wrong-password"})
    response = client.post(reverse("account_login"), {"login": alice.email, "password": "wrong-password"})
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode() or response.status_code == 429
