import sys
import types
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wijkplatform.notifications.digests import digests_send
from wijkplatform.notifications.models import DigestSent, DigestSetting, Notification, NotificationPreference
from wijkplatform.notifications.services import notify


class Row(types.SimpleNamespace):
    def get_absolute_url(self):
        return self.url


@pytest.fixture
def other_apps(monkeypatch):
    """Stand-ins for the community, events and newsroom selectors (the digest imports them when it runs)."""
    now = timezone.now()
    calls = {}

    def posts_for(*, wijk, user):
        calls["posts_for"] = (wijk, user)
        return [
            Row(
                text="Wie heeft er een ladder te leen?", created_at=now - timedelta(hours=3), url="/w/feed/1/"
            ),
            Row(text="Old post", created_at=now - timedelta(days=30), url="/w/feed/0/"),
        ]

    def events_upcoming(*, wijk, point=None, limit=None):
        return [Row(title="Buurtborrel", starts_at=now + timedelta(days=2), url="/w/events/1/")]

    def stories_published(*, wijk, limit=None):
        return [Row(title="Het nieuwe buurthuis", published_at=now - timedelta(hours=5), url="/w/stories/1/")]

    for name, func in [
        ("wijkplatform.community.selectors", posts_for),
        ("wijkplatform.events.selectors", events_upcoming),
        ("wijkplatform.newsroom.selectors", stories_published),
    ]:
        module = types.ModuleType(name)
        setattr(module, func.__name__, func)
        monkeypatch.setitem(sys.modules, name, module)
    return calls


@pytest.mark.django_db
def test_weekly_digest_has_posts_events_stories_and_is_never_sent_twice(wijk, alice, bob, other_apps):
    NotificationPreference.objects.create(wijk=wijk, user=alice, kind="mention", channel="digest")
    notify(wijk=wijk, recipients=[alice], kind="mention", title="Bob mentioned you in a post", url="/w/")
    DigestSetting.objects.create(wijk=wijk, user=bob, period="daily")
    assert digests_send(period="weekly") == 1  # alice (weekly by default); bob chose daily
    call_command("send_outbox")
    [email] = mail.outbox
    assert email.to == [alice.email]
    assert email.subject == "Oude Noorden: je wekelijkse overzicht"  # the wijk's language
    for text in [
        "Wie heeft er een ladder te leen?",
        "Buurtborrel",
        "Het nieuwe buurthuis",
        "Bob mentioned you in a post",
        "http://127.0.0.1:8000/w/events/1/",
    ]:
        assert text in email.body
    assert "Old post" not in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert DigestSent.objects.in_wijk(wijk).filter(user=alice, period="weekly").count() == 1
    assert Notification.objects.in_wijk(wijk).get(recipient=alice).digested_at is not None
    # The same week again: nothing new goes out.
    assert digests_send(period="weekly") == 0
    call_command("send_outbox")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_daily_digest_by_command_in_the_members_language(other_wijk, charlie, other_apps):
    from wijkplatform.core.testing.factories import member

    dana = member(other_wijk, display_name="Dana")
    for person in (charlie, dana):
        DigestSetting.objects.create(wijk=other_wijk, user=person, period="daily")
    charlie.preferred_language = "nl"
    charlie.save(update_fields=["preferred_language"])
    call_command("send_digests", "--period", "daily")
    subjects = {email.to[0]: email.subject for email in mail.outbox}
    assert subjects == {
        charlie.email: "Harlem: je dagelijkse overzicht",
        dana.email: "Harlem: your daily digest",
    }
    call_command("send_digests", "--period", "daily")
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_no_digest_for_members_who_turned_it_off_or_other_wijken(
    wijk, other_wijk, alice, charlie, other_apps
):
    DigestSetting.objects.create(wijk=wijk, user=alice, period="off")
    digests_send(period="weekly")
    assert not DigestSent.objects.in_wijk(wijk).exists()
    # Charlie gets the digest of his own wijk only.
    assert DigestSent.objects.in_wijk(other_wijk).filter(user=charlie).count() == 1


@pytest.mark.django_db
def test_nothing_to_tell_no_email(wijk, alice):
    assert digests_send(period="daily") == 0
    DigestSetting.objects.create(wijk=wijk, user=alice, period="daily")
    assert digests_send(period="daily") == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_bad_period_is_refused(wijk):
    from django.core.management.base import CommandError

    with pytest.raises(ValueError):
        digests_send(period="hourly")
    with pytest.raises(CommandError):
        call_command("send_digests", "--period", "hourly")


@pytest.mark.django_db
def test_beat_sends_each_wijk_its_digest_in_its_own_morning(wijk, other_wijk, alice, charlie, other_apps):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from wijkplatform.notifications.digests import LOCAL_HOUR

    # 08:00 in Amsterdam is 02:00 in New York: only the Oude Noorden gets its digest now.
    now = datetime(2026, 11, 24, 8, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    for person, place in ((alice, wijk), (charlie, other_wijk)):
        DigestSetting.objects.create(wijk=place, user=person, period="daily")
    assert digests_send(period="daily", now=now, local_hour=LOCAL_HOUR) == 1
    assert DigestSent.objects.in_wijk(wijk).filter(user=alice).exists()
    assert not DigestSent.objects.in_wijk(other_wijk).exists()
    later = now + timedelta(hours=6)  # 08:00 in New York
    assert digests_send(period="daily", now=later, local_hour=LOCAL_HOUR) == 1
    assert DigestSent.objects.in_wijk(other_wijk).filter(user=charlie).exists()
