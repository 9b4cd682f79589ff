import pytest
from django.urls import reverse

from wijkplatform.notifications.models import DigestSetting, NotificationPreference, OutboxMessage
from wijkplatform.notifications.services import notify


def prefs_url(wijk):
    return reverse("notifications:preferences", kwargs={"wijk_slug": wijk.slug})


@pytest.mark.django_db
def test_preferences_page_lists_kinds_with_defaults(client, wijk, alice):
    client.force_login(alice)
    text = client.get(prefs_url(wijk)).content.decode()
    assert "Replies to my posts and comments" in text
    assert 'name="kind-reply" value="email" checked' in text
    assert 'name="digest" value="weekly" checked' in text


@pytest.mark.django_db
def test_choose_per_kind_and_digest(client, wijk, other_wijk, alice):
    from wijkplatform.wijken.models import Membership

    Membership.objects.create(wijk=other_wijk, user=alice)
    client.force_login(alice)
    response = client.post(
        prefs_url(wijk), {"kind-reply": "off", "kind-mention": "digest", "digest": "daily"}
    )
    assert response.status_code == 302
    assert NotificationPreference.objects.in_wijk(wijk).get(user=alice, kind="reply").channel == "off"
    assert NotificationPreference.objects.in_wijk(wijk).get(user=alice, kind="mention").channel == "digest"
    assert DigestSetting.objects.in_wijk(wijk).get(user=alice).period == "daily"
    # Per wijk: the other wijk keeps the defaults.
    assert not NotificationPreference.objects.in_wijk(other_wijk).filter(user=alice).exists()
    notify(wijk=wijk, recipients=[alice], kind="reply", title="x", url="/")
    notify(wijk=other_wijk, recipients=[alice], kind="reply", title="x", url="/")
    assert not OutboxMessage.objects.in_wijk(wijk).exists()
    assert OutboxMessage.objects.in_wijk(other_wijk).count() == 1


@pytest.mark.django_db
def test_bad_choice_is_a_clear_400_and_changes_nothing(client, wijk, alice):
    client.force_login(alice)
    response = client.post(prefs_url(wijk), {"kind-reply": "sms", "digest": "hourly"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Choose one of the options" in text and "Choose daily, weekly or no digest." in text
    assert not NotificationPreference.objects.in_wijk(wijk).exists()
    assert not DigestSetting.objects.in_wijk(wijk).exists()


@pytest.mark.django_db
def test_other_wijk_member_gets_404(client, wijk, charlie):
    client.force_login(charlie)
    assert client.get(prefs_url(wijk)).status_code == 404
    assert client.post(prefs_url(wijk), {"kind-reply": "off"}).status_code == 404


@pytest.mark.django_db
def test_role_kinds_appear_once_received(client, wijk, alice):
    client.force_login(alice)
    assert "New help-desk questions" not in client.get(prefs_url(wijk)).content.decode()
    notify(wijk=wijk, recipients=[alice], kind="ticket_new", title="A new question", url="/")
    notify(wijk=wijk, recipients=[alice], kind="something_new", title="Something", url="/")
    text = client.get(prefs_url(wijk)).content.decode()
    assert "New help-desk questions" in text
    assert "Something new" in text
