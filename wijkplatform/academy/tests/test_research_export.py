"""Research data: approved researchers download anonymised counts per wijk and month; small cells hidden."""

import json

import pytest
from django.urls import reverse

from wijkplatform.academy import research
from wijkplatform.academy.models import ResearcherApproval
from wijkplatform.core.testing.factories import member


@pytest.fixture
def researcher(db, staff):
    from django.utils import timezone

    from wijkplatform.core.testing.factories import UserFactory

    user = UserFactory(display_name="Dr. Reza")
    ResearcherApproval.objects.create(
        user=user,
        institution="Erasmus University",
        purpose="Participation study",
        approved_at=timezone.now(),
        approved_by=staff,
    )
    return user


def test_not_approved_is_a_403(client, alice, db):
    client.force_login(alice)
    for fmt in ("csv", "json"):
        response = client.get(reverse("academy:research_export", kwargs={"fmt": fmt}))
        assert response.status_code == 403
        assert "approved by platform staff" in response.content.decode()
    ResearcherApproval.objects.create(user=alice, institution="X", purpose="Y")  # asked, not approved
    assert client.get(reverse("academy:research_export", kwargs={"fmt": "csv"})).status_code == 403


def test_revoked_is_a_403(client, researcher):
    from django.utils import timezone

    ResearcherApproval.objects.filter(user=researcher).update(revoked_at=timezone.now())
    client.force_login(researcher)
    assert client.get(reverse("academy:research_export", kwargs={"fmt": "json"})).status_code == 403


def test_counts_of_fewer_than_five_people_are_suppressed(client, researcher, wijk, other_wijk, alice, charlie):
    for _i in range(5):
        member(wijk)  # wijk now has 6 new members this month (alice + 5); other_wijk only charlie
    client.force_login(researcher)
    response = client.get(reverse("academy:research_export", kwargs={"fmt": "json"}), {"months": 2})
    data = json.loads(response.content)
    this_month = {row["wijk"]: row for row in data["rows"] if row["month"] == data["rows"][-1]["month"]}
    assert this_month[wijk.slug]["members"] == 6
    assert this_month[other_wijk.slug]["members"] is None  # one person: suppressed
    assert data["minimum_people_per_cell"] == 5
    assert {"members", "posts"} <= {item["column"] for item in data["dictionary"]}
    csv_text = client.get(
        reverse("academy:research_export", kwargs={"fmt": "csv"}), {"wijk": other_wijk.slug, "months": 1}
    ).content.decode()
    header, row = csv_text.strip().splitlines()
    assert header.startswith("wijk,month,members")
    assert row.startswith(f"{other_wijk.slug},") and ",," in row + ","  # the suppressed cell is empty
    assert "Charlie" not in csv_text and charlie.email not in csv_text


def test_bad_parameters_are_a_400(client, researcher):
    client.force_login(researcher)
    url = reverse("academy:research_export", kwargs={"fmt": "csv"})
    assert client.get(url, {"months": "9999"}).status_code == 400
    assert client.get(url, {"wijk": "nowhere"}).status_code == 400
    assert client.get(reverse("academy:research_export", kwargs={"fmt": "xls"})).status_code == 404


def test_a_person_asks_for_access_and_staff_approve(client, alice, staff):
    from wijkplatform.academy import services

    client.force_login(alice)
    assert client.post(reverse("academy:research"), {"institution": "", "purpose": ""}).status_code == 400
    response = client.post(reverse("academy:research"), {"institution": "HU", "purpose": "Thesis"})
    assert response.status_code == 302
    approval = ResearcherApproval.objects.get(user=alice)
    assert not approval.is_approved
    assert "waiting for review" in client.get(reverse("academy:research")).content.decode()
    services.researcher_approve(approval=approval, by=staff)
    assert client.get(reverse("academy:research_export", kwargs={"fmt": "csv"})).status_code == 200


def test_data_dictionary_leaves_out_parts_that_do_not_exist(db):
    codes = [item["column"] for item in research.data_dictionary()]
    assert codes[:3] == ["wijk", "month", "members"]
    assert all(c.code in codes for c, _m, _p in research.available_columns())
