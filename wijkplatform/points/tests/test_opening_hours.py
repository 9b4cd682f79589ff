import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wijkplatform.core.testing.factories import member
from wijkplatform.points import selectors, services
from wijkplatform.points.models import OpeningException, OpeningHours
from wijkplatform.points.tests.factories import PointFactory, exception, hours

pytestmark = pytest.mark.django_db
T = datetime.time
AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def host(wijk):
    return member(wijk, "point_host", display_name="Ria")


@pytest.fixture
def point(wijk):
    return PointFactory(wijk=wijk, slug="huis")


def status(point, wijk, local_dt):
    fresh = selectors.point_get(wijk=wijk, slug=point.slug)
    return selectors.point_status(fresh, wijk=wijk, when=local_dt)


def test_inverted_hours_are_refused(wijk, point, host):
    with pytest.raises(ValidationError, match="must be after the opening time"):
        services.hours_add(wijk=wijk, point=point, weekday=0, opens=T(17), closes=T(9), by=host)
    with pytest.raises(ValidationError, match="must be after"):
        services.hours_add(wijk=wijk, point=point, weekday=0, opens=T(9), closes=T(9), by=host)
    assert not OpeningHours.objects.in_wijk(wijk).exists()


def test_overlapping_hours_are_refused_and_touching_ones_allowed(wijk, point, host):
    services.hours_add(wijk=wijk, point=point, weekday=1, opens=T(9), closes=T(12), by=host)
    with pytest.raises(ValidationError, match="overlap"):
        services.hours_add(wijk=wijk, point=point, weekday=1, opens=T(11), closes=T(14), by=host)
    with pytest.raises(ValidationError, match="overlap"):
        services.hours_add(wijk=wijk, point=point, weekday=1, opens=T(8), closes=T(0), by=host)
    services.hours_add(wijk=wijk, point=point, weekday=1, opens=T(12), closes=T(17), by=host)
    services.hours_add(wijk=wijk, point=point, weekday=2, opens=T(10), closes=T(11), by=host)  # another day
    assert OpeningHours.objects.in_wijk(wijk).count() == 3


def test_residents_cannot_change_hours(wijk, point, alice):
    from wijkplatform.core.exceptions import CapabilityDenied

    with pytest.raises(CapabilityDenied):
        services.hours_add(wijk=wijk, point=point, weekday=1, opens=T(9), closes=T(12), by=alice)


def test_open_now_around_midnight(wijk, point):
    hours(point, 0, "20:00", "00:00")  # Monday evening until midnight
    hours(point, 1, "00:00", "02:00")  # and Tuesday just after midnight
    monday = datetime.date(2026, 11, 23)
    assert monday.weekday() == 0
    at = lambda d, h, m: datetime.datetime.combine(d, T(h, m), tzinfo=AMS)  # noqa: E731
    assert status(point, wijk, at(monday, 19, 59))["open"] is False
    assert status(point, wijk, at(monday, 23, 59))["open"] is True
    tuesday = monday + datetime.timedelta(days=1)
    assert status(point, wijk, at(tuesday, 0, 0))["open"] is True
    assert status(point, wijk, at(tuesday, 1, 59))["open"] is True
    assert status(point, wijk, at(tuesday, 2, 0))["open"] is False


def test_open_now_uses_the_wijk_time_zone_not_utc(wijk, point):
    hours(point, 0, "09:00", "10:00")
    # 08:30 UTC on a Monday in winter is 09:30 in Amsterdam: open.
    utc = datetime.datetime(2026, 11, 23, 8, 30, tzinfo=datetime.UTC)
    assert status(point, wijk, utc)["open"] is True
    assert status(point, wijk, utc + datetime.timedelta(hours=1))["open"] is False


def test_open_now_across_daylight_saving_time(wijk, point):
    # Sunday 29 March 2026 the clocks in Amsterdam go from 02:00 to 03:00.
    hours(point, 6, "09:00", "10:00")
    before = datetime.datetime(2026, 3, 22, 8, 30, tzinfo=datetime.UTC)  # 09:30 CET
    after = datetime.datetime(2026, 3, 29, 7, 30, tzinfo=datetime.UTC)  # 09:30 CEST
    wrong = datetime.datetime(2026, 3, 29, 8, 30, tzinfo=datetime.UTC)  # 10:30 CEST: closed
    assert status(point, wijk, before)["open"] is True
    assert status(point, wijk, after)["open"] is True
    assert status(point, wijk, wrong)["open"] is False


def test_exceptions_win_over_weekly_hours(wijk, point, host):
    hours(point, 0, "09:00", "17:00")
    monday = datetime.date(2026, 11, 30)
    services.exception_add(wijk=wijk, point=point, date=monday, kind="holiday", note="Closed today", by=host)
    noon = datetime.datetime.combine(monday, T(12), tzinfo=AMS)
    assert status(point, wijk, noon)["open"] is False
    next_monday = monday + datetime.timedelta(days=7)
    services.exception_add(
        wijk=wijk, point=point, date=next_monday, kind="different", opens=T(13), closes=T(15), by=host
    )
    assert status(point, wijk, datetime.datetime.combine(next_monday, T(12), tzinfo=AMS))["open"] is False
    assert status(point, wijk, datetime.datetime.combine(next_monday, T(14), tzinfo=AMS))["open"] is True


def test_bad_exceptions_are_refused(wijk, point, host):
    day = datetime.date(2026, 12, 25)
    with pytest.raises(ValidationError, match="must be after"):
        services.exception_add(wijk=wijk, point=point, date=day, kind="different", opens=T(15), closes=T(13), by=host)
    with pytest.raises(ValidationError, match="opening and a closing"):
        services.exception_add(wijk=wijk, point=point, date=day, kind="different", by=host)
    services.exception_add(wijk=wijk, point=point, date=day, kind="different", opens=T(10), closes=T(12), by=host)
    with pytest.raises(ValidationError, match="overlap"):
        services.exception_add(wijk=wijk, point=point, date=day, kind="different", opens=T(11), closes=T(13), by=host)
    with pytest.raises(ValidationError, match="already is an exception"):
        services.exception_add(wijk=wijk, point=point, date=day, kind="closed", by=host)
    assert OpeningException.objects.in_wijk(wijk).count() == 1


def test_desk_form_shows_a_clear_message_and_saves_nothing(client, wijk, point, host):
    client.force_login(host)
    url = reverse("points:desk_point", kwargs={"wijk_slug": wijk.slug, "slug": point.slug})
    response = client.post(url, {"action": "hours", "weekday": "0", "opens": "17:00", "closes": "09:00"})
    assert response.status_code == 400
    assert "must be after the opening time" in response.content.decode()
    response = client.post(url, {"action": "hours", "weekday": "9", "opens": "bad", "closes": "09:00"})
    assert response.status_code == 400
    assert not OpeningHours.objects.in_wijk(wijk).exists()
    response = client.post(url, {"action": "hours", "weekday": "0", "opens": "09:00", "closes": "12:00"})
    assert response.status_code == 302
    assert OpeningHours.objects.in_wijk(wijk).count() == 1
    exception(point, datetime.date(2030, 1, 1))
