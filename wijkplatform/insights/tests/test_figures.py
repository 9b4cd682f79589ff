"""The figures of a wijk: participation per month as charts with a table beside, and a CSV for coordinators."""

import datetime

from django.urls import reverse

from wijkplatform.core.testing.factories import member
from wijkplatform.insights.metrics import last_months, monthly_figures
from wijkplatform.wijken.models import Membership


def test_last_twelve_months_end_with_this_month():
    months = last_months(tz=datetime.UTC, today=datetime.date(2026, 2, 14))
    assert months[0] == datetime.date(2025, 3, 1) and months[-1] == datetime.date(2026, 2, 1) and len(months) == 12


def test_new_members_are_counted_in_their_month(wijk, alice, bob, charlie):
    figures = monthly_figures(wijk=wijk)
    new_members = {code: values for code, _label, values in figures["series"]}["new_members"]
    assert new_members[-1] == 2  # alice and bob; charlie lives in another wijk
    assert sum(new_members) == 2


def test_figures_page_shows_charts_with_tables(client, wijk, alice, django_assert_max_num_queries):
    url = reverse("insights:figures", kwargs={"wijk_slug": wijk.slug})
    client.get(url)  # fills the cache
    with django_assert_max_num_queries(6):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "New members" in page and "<table" in page and ".svg" in page
    svg = client.get(reverse("insights:chart", kwargs={"wijk_slug": wijk.slug, "code": "new_members"}))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content and b"<script" not in svg.content
    assert client.get(reverse("insights:chart", kwargs={"wijk_slug": wijk.slug, "code": "nope"})).status_code == 404


def test_coordinator_downloads_the_figures_as_csv(client, wijk, coordinator, alice):
    client.force_login(coordinator)
    response = client.get(reverse("insights:figures_csv", kwargs={"wijk_slug": wijk.slug}))
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("month,active_members,new_members")
    assert len(lines) == 13
    client.force_login(alice)
    assert client.get(reverse("insights:figures_csv", kwargs={"wijk_slug": wijk.slug})).status_code == 403


def test_staff_see_the_whole_platform(client, staff, wijk, other_wijk, alice, charlie, coordinator):
    client.force_login(staff)
    response = client.get("/figures/?format=csv")
    last = response.content.decode().splitlines()[-1].split(",")
    header = response.content.decode().splitlines()[0].split(",")
    assert int(last[header.index("new_members")]) == Membership.objects.in_wijk(wijk).count() + 1
    client.force_login(coordinator)
    assert client.get("/figures/").status_code == 403


def test_figures_of_a_wijk_leave_other_wijken_out(client, wijk, other_wijk):
    for _ in range(3):
        member(other_wijk)
    figures = monthly_figures(wijk=wijk)
    assert all(sum(values) == 0 for _code, _label, values in figures["series"])


def test_a_guest_rsvp_counts_as_an_rsvp_but_not_as_an_active_member(wijk, alice):
    from wijkplatform.events.models import RSVP
    from wijkplatform.events.tests.factories import first_date, make_event

    date = first_date(make_event(wijk, alice))
    RSVP.objects.create(wijk=wijk, occurrence=date, guest_email="gast@example.org", status=RSVP.Status.GOING)
    figures = {code: values for code, _label, values in monthly_figures(wijk=wijk)["series"]}
    assert figures["rsvps"][-1] == 1
    assert figures["active_members"][-1] == 0
