"""Request a wijk at /start/, co-sign it, and platform staff approve, decline or merge."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from wijkplatform.core.testing.factories import UserFactory
from wijkplatform.notifications.models import OutboxMessage
from wijkplatform.wijken import provisioning
from wijkplatform.wijken.models import Membership, RoleAssignment, Wijk, WijkRequest, WijkRequestSignature

KREUZBERG = {
    "name": "Wrangelkiez", "city": "Berlin", "country": "DE", "latitude": "52.50050", "longitude": "13.43450",
    "why": "Wir wollen Nachbarn verbinden.", "who": "Nachbarschaftshaus und Bewohner", "requester_kind": "resident",
    "organisation_name": "",
}


@pytest.fixture
def asker(db):
    return UserFactory(display_name="Lena")


@pytest.fixture
def wrangelkiez(asker):
    return provisioning.wijk_request_create(by=asker, **KREUZBERG)


def test_resident_requests_a_wijk_and_gets_a_link_to_share(client, asker):
    client.force_login(asker)
    response = client.post(reverse("start:new"), KREUZBERG)
    wijk_request = WijkRequest.objects.get()
    assert response.status_code == 302 and response.url == wijk_request.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert "Wrangelkiez, Berlin" in page and "Germany" in page and "0 neighbours co-signed" in page


def test_request_form_refuses_bad_places_with_messages(client, asker):
    client.force_login(asker)
    response = client.post(reverse("start:new"), {**KREUZBERG, "country": "XX", "latitude": "95"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice" in page and "less than or equal to 90" in page
    response = client.post(reverse("start:new"), {**KREUZBERG, "latitude": "0", "longitude": "-30"})
    assert response.status_code == 400
    assert "not on land" in response.content.decode()
    response = client.post(reverse("start:new"), {**KREUZBERG, "requester_kind": "organisation"})
    assert "Which organisation" in response.content.decode()
    assert WijkRequest.objects.count() == 0


def test_a_place_that_is_already_a_wijk_is_pointed_out(client, asker, wijk):
    wijk.latitude, wijk.longitude = "51.93200", "4.48900"
    wijk.save()
    client.force_login(asker)
    response = client.post(reverse("start:new"), {**KREUZBERG, "name": "Oude Noorden", "city": "Rotterdam",
                                                  "country": "NL", "latitude": "51.93300", "longitude": "4.49000"})
    assert response.status_code == 400
    assert "Oude Noorden is already a wijk" in response.content.decode()


def test_neighbours_co_sign_once(client, wrangelkiez):
    neighbour = UserFactory()
    client.force_login(neighbour)
    url = reverse("start:cosign", kwargs={"token": wrangelkiez.share_token})
    client.post(url)
    response = client.post(url, follow=True)
    assert "already signed" in response.content.decode()
    assert "1 neighbour co-signed" in response.content.decode()
    assert WijkRequestSignature.objects.filter(request=wrangelkiez).count() == 1


def test_duplicates_near_the_same_place_are_pointed_out(client, wrangelkiez):
    other = provisioning.wijk_request_create(by=UserFactory(), **{**KREUZBERG, "name": "Kreuzberg SO36",
                                                                   "latitude": "52.50100"})
    page = client.get(other.get_absolute_url()).content.decode()
    assert "Requests nearby" in page and "Wrangelkiez" in page


def test_staff_approve_and_the_wijk_is_live_at_once(client, staff, wrangelkiez, asker):
    client.force_login(staff)
    assert "Wrangelkiez" in client.get(reverse("start:queue")).content.decode()
    response = client.post(reverse("start:review", kwargs={"pk": wrangelkiez.pk}), {"action": "approve", "slug": ""})
    wijk = Wijk.objects.get(slug="wrangelkiez")
    assert response.status_code == 302 and response.url == "/wrangelkiez/"
    assert (wijk.time_zone, wijk.language, wijk.country) == ("Europe/Berlin", "de", "DE")
    assert Membership.objects.in_wijk(wijk).filter(user=asker, status="active").exists()
    assert RoleAssignment.objects.in_wijk(wijk).filter(user=asker, role="coordinator").exists()
    welcome = OutboxMessage.objects.in_wijk(wijk).get(to_email=asker.email)
    assert "Wrangelkiez" in welcome.subject
    assert client.get("/wrangelkiez/").status_code == 200
    wrangelkiez.refresh_from_db()
    assert wrangelkiez.status == "approved" and wrangelkiez.wijk == wijk


def test_new_coordinator_sees_a_checklist_that_ticks_itself_off(client, staff, wrangelkiez, asker):
    from wijkplatform.core.testing.factories import give_mfa

    wijk = provisioning.wijk_request_approve(wijk_request=wrangelkiez, by=staff)
    give_mfa(asker)
    client.force_login(asker)
    page = client.get("/wrangelkiez/").content.decode()
    assert "Getting started" in page and "Review the community guidelines" in page
    client.post(reverse("wijken:guidelines_reviewed", kwargs={"wijk_slug": wijk.slug}))
    page = client.get("/wrangelkiez/").content.decode()
    assert "<s>Review the community guidelines</s>" in page


def test_a_reserved_or_taken_slug_is_refused_and_nothing_is_created(client, staff, wrangelkiez, wijk):
    client.force_login(staff)
    for slug in ("admin", wijk.slug):
        response = client.post(reverse("start:review", kwargs={"pk": wrangelkiez.pk}),
                               {"action": "approve", "slug": slug})
        assert response.status_code == 400
    assert not Wijk.objects.filter(name="Wrangelkiez").exists()
    wrangelkiez.refresh_from_db()
    assert wrangelkiez.status == "open"


def test_decline_needs_a_reason_and_then_tells_the_requester(client, staff, wrangelkiez):
    client.force_login(staff)
    url = reverse("start:review", kwargs={"pk": wrangelkiez.pk})
    assert client.post(url, {"action": "decline", "reason": ""}).status_code == 400
    client.post(url, {"action": "decline", "reason": "Er is al een buurtplatform hier."})
    page = client.get(wrangelkiez.get_absolute_url()).content.decode()
    assert "Declined" in page and "al een buurtplatform" in page


def test_merge_moves_the_signatures(staff, wrangelkiez, asker):
    other_asker = UserFactory()
    duplicate = provisioning.wijk_request_create(by=other_asker, **{**KREUZBERG, "name": "Wrangel"})
    provisioning.wijk_request_merge(wijk_request=duplicate, into=wrangelkiez, by=staff)
    assert WijkRequestSignature.objects.filter(request=wrangelkiez, user=other_asker).exists()
    with pytest.raises(ValidationError):
        provisioning.wijk_request_approve(wijk_request=duplicate, by=staff)


def test_approving_twice_makes_one_wijk(staff, wrangelkiez):
    provisioning.wijk_request_approve(wijk_request=wrangelkiez, by=staff)
    with pytest.raises(ValidationError, match="already handled"):
        provisioning.wijk_request_approve(wijk_request=wrangelkiez, by=staff)
    assert Wijk.objects.filter(name="Wrangelkiez").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_approving_twice_at_once_makes_one_wijk():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent transactions need PostgreSQL")
    from wijkplatform.core.testing.factories import give_mfa

    staff = UserFactory(is_staff=True)
    give_mfa(staff)
    wijk_request = provisioning.wijk_request_create(by=UserFactory(), **KREUZBERG)
    barrier, outcomes = threading.Barrier(2), []

    def approve():
        try:
            barrier.wait()
            provisioning.wijk_request_approve(wijk_request=wijk_request, by=staff)
            outcomes.append("approved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "refused"]
    assert Wijk.objects.filter(name="Wrangelkiez").count() == 1


def test_only_staff_with_two_factor_review(client, coordinator, wrangelkiez):
    client.force_login(coordinator)
    assert client.get(reverse("start:queue")).status_code == 403
    assert client.post(reverse("start:review", kwargs={"pk": wrangelkiez.pk}), {"action": "approve"}).status_code == 403
    wrangelkiez.refresh_from_db()
    assert wrangelkiez.status == "open"


def test_requesting_needs_an_account(client, db):
    response = client.get(reverse("start:new"))
    assert response.status_code == 302 and reverse("account_login") in response.url
