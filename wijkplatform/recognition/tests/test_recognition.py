from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from wijkplatform.core.testing.factories import member
from wijkplatform.recognition.models import HoursLog, Nomination, VolunteerProfile
from wijkplatform.recognition.selectors import volunteer_hours_by_month
from wijkplatform.wijken.models import RoleAssignment

from .factories import HoursLogFactory, fresh


def url(name, wijk, **kwargs):
    return reverse(f"recognition:{name}", kwargs={"wijk_slug": wijk.slug, **kwargs})


def test_log_hours_and_a_coordinator_confirms(client, wijk, alice, coordinator):
    client.force_login(alice)
    today = timezone.localdate()
    response = client.post(
        url("my_hours", wijk),
        {
            "kind": "help_desk",
            "what_for": "Hielp met een telefoon",
            "date": today.isoformat(),
            "hours": "2.5",
        },
    )
    assert response.status_code == 302
    log = HoursLog.objects.in_wijk(wijk).get()
    assert log.status == HoursLog.Status.PENDING and log.hours == Decimal("2.5")
    assert client.post(url("confirm", wijk, pk=log.pk), {"confirmed": "yes"}).status_code == 403
    client.force_login(coordinator)
    assert "Hielp met een telefoon" in client.get(url("to_confirm", wijk)).content.decode()
    client.post(url("confirm", wijk, pk=log.pk), {"confirmed": "yes"})
    log = fresh(log)
    assert log.status == HoursLog.Status.CONFIRMED and log.confirmed_by == coordinator
    assert volunteer_hours_by_month(wijk=wijk)[-1] == (today.replace(day=1), Decimal("2.5"))


def test_hours_for_the_future_are_refused(client, wijk, alice):
    client.force_login(alice)
    tomorrow = timezone.localdate() + timedelta(days=2)
    response = client.post(
        url("my_hours", wijk),
        {"kind": "other", "what_for": "Later", "date": tomorrow.isoformat(), "hours": "2"},
    )
    assert response.status_code == 400
    assert "today or a day in the past" in response.content.decode()
    assert not HoursLog.objects.in_wijk(wijk).exists()


def test_silly_hours_are_refused(client, wijk, alice):
    client.force_login(alice)
    for hours in ("0", "25", "abc"):
        response = client.post(
            url("my_hours", wijk),
            {"kind": "other", "what_for": "x", "date": timezone.localdate().isoformat(), "hours": hours},
        )
        assert response.status_code == 400
    assert not HoursLog.objects.in_wijk(wijk).exists()


def test_a_coordinator_does_not_confirm_their_own_hours(client, wijk, coordinator):
    log = HoursLogFactory(wijk=wijk, volunteer=coordinator, status=HoursLog.Status.PENDING)
    client.force_login(coordinator)
    client.post(url("confirm", wijk, pk=log.pk), {"confirmed": "yes"})
    assert fresh(log).status == HoursLog.Status.PENDING


def test_public_page_shows_only_volunteers_who_agreed_with_hours_and_badges(
    client, wijk, alice, bob, django_assert_max_num_queries
):
    HoursLogFactory(wijk=wijk, volunteer=alice, hours=12)
    HoursLogFactory(wijk=wijk, volunteer=bob, hours=5)
    VolunteerProfile.objects.create(wijk=wijk, user=alice, show_publicly=True)
    host = RoleAssignment.objects.create(wijk=wijk, user=alice, role="point_host")
    RoleAssignment.objects.in_wijk(wijk).filter(pk=host.pk).update(granted_at=timezone.now() - timedelta(days=400))
    with django_assert_max_num_queries(10):
        page = client.get(url("volunteers", wijk)).content.decode()
    assert "Alice" in page and "12 hours" in page
    assert "10 hours given" in page and "A year as point host" in page
    assert "Bob" not in page  # did not agree to be shown
    assert "17 hours" in page  # all confirmed hours of the wijk


def test_consent_to_be_shown(client, wijk, alice):
    client.force_login(alice)
    client.post(url("my_hours", wijk), {"consent": "1", "show_publicly": "on"})
    assert VolunteerProfile.objects.in_wijk(wijk).get(user=alice).show_publicly
    client.post(url("my_hours", wijk), {"consent": "1"})
    assert not VolunteerProfile.objects.in_wijk(wijk).get(user=alice).show_publicly


def test_nominate_a_neighbour_not_oneself_and_editors_choose(client, wijk, alice, bob):
    client.force_login(alice)
    response = client.post(url("nominate", wijk), {"nominee": alice.pk, "reason": "Ik ben geweldig"})
    assert response.status_code == 400  # oneself is not a choice
    assert not Nomination.objects.in_wijk(wijk).exists()
    assert client.post(url("nominate", wijk), {"nominee": bob.pk, "reason": "Bob repareert fietsen"}).status_code == 302
    again = client.post(url("nominate", wijk), {"nominee": bob.pk, "reason": "Nog eens"})
    assert again.status_code == 400 and "already" in again.content.decode()
    nomination = Nomination.objects.in_wijk(wijk).get()
    assert client.post(url("choose", wijk, pk=nomination.pk)).status_code == 403
    editor = member(wijk, "editor")
    client.force_login(editor)
    assert "Bob repareert fietsen" in client.get(url("nominations", wijk)).content.decode()
    assert client.post(url("choose", wijk, pk=nomination.pk)).status_code == 302
    assert fresh(nomination).chosen
    page = client.get(url("volunteers", wijk)).content.decode()
    assert "Neighbour of the month" in page and "Bob repareert fietsen" in page


def test_the_service_refuses_oneself_too(wijk, alice):
    import pytest
    from django.core.exceptions import ValidationError

    from wijkplatform.recognition.services import nominate

    with pytest.raises(ValidationError, match="cannot nominate yourself"):
        nominate(wijk=wijk, nominee=alice, reason="x", by=alice)


def test_other_wijk_sees_nothing(client, wijk, other_wijk, alice, charlie):
    log = HoursLogFactory(wijk=wijk, volunteer=alice, what_for="Alleen hier")
    client.force_login(charlie)
    assert client.post(url("confirm", other_wijk, pk=log.pk), {"confirmed": "yes"}).status_code == 404
    assert client.post(url("my_hours", wijk), {"kind": "other"}).status_code == 403
