from datetime import UTC, datetime

import pytest
from django.urls import reverse

from wijkplatform.events.models import Event, Occurrence
from wijkplatform.partners.tests.factories import partner_in, representative


def url(wijk, name="events:create", **kwargs):
    return reverse(name, kwargs={"wijk_slug": wijk.slug, **kwargs})


def form(**overrides):
    data = {
        "title": "Buurtborrel op het plein",
        "description": "Kom **gezellig** langs.",
        "starts_at": "2030-06-14T19:30",
        "ends_at": "2030-06-14T22:00",
        "place": "address",
        "address": "Zwaanshals 10",
        "recurrence": "",
        "cost": "",
        "capacity": "",
    }
    data.update(overrides)
    return data


def test_member_publishes_an_event_in_the_wijks_local_time(client, wijk, alice):
    client.force_login(alice)
    response = client.post(url(wijk), form())
    event = Event.objects.in_wijk(wijk).get()
    assert response.status_code == 302
    # 19:30 in Amsterdam in June (summer time, UTC+2) is 17:30 UTC.
    assert event.starts_at == datetime(2030, 6, 14, 17, 30, tzinfo=UTC)
    assert event.organiser == alice and event.is_free
    assert Occurrence.objects.in_wijk(wijk).filter(event=event).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Buurtborrel op het plein" in page
    assert "<strong>gezellig</strong>" in page
    assert "19:30" in page


def test_the_form_shows_for_a_member(client, wijk, alice):
    client.force_login(alice)
    response = client.get(url(wijk))
    assert response.status_code == 200
    assert 'type="datetime-local"' in response.content.decode()


def test_an_end_before_the_start_is_refused_with_a_message(client, wijk, alice):
    client.force_login(alice)
    response = client.post(url(wijk), form(ends_at="2030-06-14T18:00"))
    assert response.status_code == 400
    assert "The end must be after the start." in response.content.decode()
    assert not Event.objects.in_wijk(wijk).exists()


def test_a_time_in_the_dst_gap_is_refused_with_a_message(client, wijk, alice):
    client.force_login(alice)
    # On 31 March 2030 the clocks in Amsterdam jump from 02:00 to 03:00: 02:30 does not exist.
    response = client.post(url(wijk), form(starts_at="2030-03-31T02:30", ends_at="2030-03-31T04:00"))
    assert response.status_code == 400
    assert "does not exist in Europe/Amsterdam" in response.content.decode()
    assert not Event.objects.in_wijk(wijk).exists()


def test_an_ambiguous_time_when_clocks_go_back_means_the_first_one(client, wijk, alice):
    client.force_login(alice)
    response = client.post(url(wijk), form(starts_at="2030-10-27T02:30", ends_at="2030-10-27T04:00"))
    assert response.status_code == 302
    assert Event.objects.in_wijk(wijk).get().starts_at == datetime(2030, 10, 27, 0, 30, tzinfo=UTC)


def test_garbage_dates_give_a_clear_message(client, wijk, alice):
    client.force_login(alice)
    response = client.post(url(wijk), form(starts_at="next tuesday"))
    assert response.status_code == 400
    assert "Give a date and time" in response.content.decode()


def test_an_online_event_needs_its_link(client, wijk, alice):
    client.force_login(alice)
    response = client.post(url(wijk), form(place="online", address=""))
    assert response.status_code == 400
    assert "Give the link to join the event online." in response.content.decode()
    response = client.post(url(wijk), form(place="online", online_url="https://meet.example.org/buurt"))
    assert response.status_code == 302
    assert Event.objects.in_wijk(wijk).get().address == ""


def test_publishing_as_an_organisation_one_does_not_represent_is_a_403(client, wijk, alice, bob):
    presence = partner_in(wijk)
    representative(wijk, presence.organisation, bob)
    client.force_login(alice)
    response = client.post(url(wijk), form(organiser_partner=presence.organisation.pk))
    assert response.status_code == 403
    assert not Event.objects.in_wijk(wijk).exists()


def test_a_representative_publishes_as_the_organisation(client, wijk, bob):
    presence = partner_in(wijk, name="Huis van de Wijk")
    representative(wijk, presence.organisation, bob)
    client.force_login(bob)
    assert "Huis van de Wijk" in client.get(url(wijk)).content.decode()
    response = client.post(url(wijk), form(organiser_partner=presence.organisation.pk, cost="2.50"))
    assert response.status_code == 302
    event = Event.objects.in_wijk(wijk).get()
    assert event.organiser_partner == presence.organisation
    assert str(event.cost) == "2.50"
    page = client.get(response["Location"]).content.decode()
    assert "Huis van de Wijk" in page and "2.50" in page


def test_an_organisation_of_another_wijk_is_a_403(client, wijk, other_wijk, alice):
    elsewhere = partner_in(other_wijk)
    client.force_login(alice)
    response = client.post(url(wijk), form(organiser_partner=elsewhere.organisation.pk))
    assert response.status_code == 403


def test_the_photo_is_cleaned(client, wijk, alice):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="JPEG")
    client.force_login(alice)
    photo = SimpleUploadedFile("p.jpg", buffer.getvalue(), content_type="image/jpeg")
    response = client.post(url(wijk), {**form(), "photo": photo})
    assert response.status_code == 302
    assert Event.objects.in_wijk(wijk).get().photo.name.endswith(".jpg")
    not_image = SimpleUploadedFile("p.jpg", b"not an image", content_type="image/jpeg")
    response = client.post(url(wijk), {**form(), "photo": not_image})
    assert response.status_code == 400
    assert "not an image we can read" in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "stranger", "charlie"])
def test_only_members_publish(client, wijk, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.post(url(wijk), form())
    assert response.status_code in (302, 403)
    if who == "anonymous":
        assert "/accounts/login/" in response["Location"]
    assert not Event.objects.in_wijk(wijk).exists()
