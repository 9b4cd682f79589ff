import pytest
from django.test import Client

from wijkplatform.notifications.models import (
    DigestSetting,
    EmailSuppression,
    NotificationPreference,
    OutboxMessage,
)
from wijkplatform.notifications.services import email_send, notify, unsubscribe_url_for


def path_of(url):
    return url.replace("http://127.0.0.1:8000", "")


@pytest.mark.django_db
def test_one_click_post_turns_the_kind_off_without_login(wijk, alice):
    notify(wijk=wijk, recipients=[alice], kind="reply", title="A reply", url="/oude-noorden/")
    header = OutboxMessage.objects.in_wijk(wijk).get().headers["List-Unsubscribe"]
    url = path_of(header.strip("<>"))
    client = Client(enforce_csrf_checks=True)  # a mail client has no session and no CSRF token
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NotificationPreference.objects.in_wijk(wijk).get(user=alice, kind="reply").channel == "off"
    notify(wijk=wijk, recipients=[alice], kind="reply", title="Another", url="/oude-noorden/")
    assert OutboxMessage.objects.in_wijk(wijk).count() == 1


@pytest.mark.django_db
def test_get_shows_a_button_and_changes_nothing(client, wijk, alice):
    url = path_of(unsubscribe_url_for(wijk=wijk, user=alice, kind="mention"))
    response = client.get(url)
    text = response.content.decode()
    assert response.status_code == 200
    assert '<button type="submit">Unsubscribe</button>' in text
    assert "Someone mentions me" in text
    assert not NotificationPreference.objects.in_wijk(wijk).exists()


@pytest.mark.django_db
def test_digest_unsubscribe_turns_the_digest_off(client, wijk, alice):
    url = path_of(unsubscribe_url_for(wijk=wijk, user=alice, kind="digest"))
    assert client.post(url).status_code == 200
    assert DigestSetting.objects.in_wijk(wijk).get(user=alice).period == "off"


@pytest.mark.django_db
def test_address_without_account_is_suppressed(client, wijk):
    message = email_send(
        wijk=wijk, to_email="Asker@Example.net", subject="Answer", body="Hi", kind="ticket_reply"
    )
    url = path_of(message.headers["List-Unsubscribe"].strip("<>"))
    assert client.post(url).status_code == 200
    assert (
        EmailSuppression.objects.in_wijk(wijk).filter(email="asker@example.net", kind="ticket_reply").exists()
    )
    assert (
        email_send(wijk=wijk, to_email="asker@example.net", subject="Again", body="Hi", kind="ticket_reply")
        is None
    )


@pytest.mark.django_db
def test_tampered_token_or_other_wijk_is_404(client, wijk, other_wijk, alice):
    url = path_of(unsubscribe_url_for(wijk=wijk, user=alice, kind="reply"))
    assert client.post(url[:-3] + "xx/").status_code == 404
    other = url.replace(f"/{wijk.slug}/", f"/{other_wijk.slug}/")
    assert client.get(other).status_code == 404
    assert client.post(other).status_code == 404
    assert not NotificationPreference.objects.in_wijk(wijk).exists()
