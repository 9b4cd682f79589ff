import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from wijkplatform.core.testing.factories import member


def jpeg_with_gps():
    image = Image.new("RGB", (1200, 900), "orange")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (51.0, 55.0, 12.0)}  # GPS IFD
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return SimpleUploadedFile("me.jpg", out.getvalue(), content_type="image/jpeg")


def profile_data(**overrides):
    data = {
        "display_name": "Alice van Dam", "bio": "Ik woon hier sinds 2010.", "languages": "Nederlands, English",
        "can_help_with": "Boodschappen, computerhulp", "preferred_language": "",
        "profile_visibility": "members", "photo_visibility": "members",
    }
    data.update(overrides)
    return data


def test_member_edits_profile_and_photo_loses_its_exif(client, alice):
    client.force_login(alice)
    response = client.post(reverse("accounts:profile"), {**profile_data(), "photo": jpeg_with_gps()})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.display_name == "Alice van Dam"
    with Image.open(alice.photo.path) as stored:
        assert not stored.getexif()
        assert max(stored.size) <= 800


def test_profile_without_a_name_is_refused_and_nothing_changes(client, alice):
    client.force_login(alice)
    response = client.post(reverse("accounts:profile"), profile_data(display_name="  "))
    assert response.status_code == 400
    assert "Please give the name" in response.content.decode()
    alice.refresh_from_db()
    assert alice.display_name == "Alice"


def test_a_file_that_is_not_an_image_is_refused(client, alice):
    client.force_login(alice)
    fake = SimpleUploadedFile("x.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    response = client.post(reverse("accounts:profile"), {**profile_data(), "photo": fake})
    assert response.status_code == 400
    alice.refresh_from_db()
    assert not alice.photo


@pytest.mark.parametrize(
    ("visibility", "neighbour_sees", "visitor_sees"),
    [("everyone", True, True), ("members", True, False), ("nobody", False, False)],
)
def test_privacy_decides_who_sees_the_profile(client, wijk, alice, bob, visibility, neighbour_sees, visitor_sees):
    alice.bio = "Tuinieren en koken"
    alice.profile_visibility = visibility
    alice.save()
    url = reverse("wijken:person", kwargs={"wijk_slug": wijk.slug, "user_id": alice.pk})

    assert ("Tuinieren en koken" in client.get(url).content.decode()) is visitor_sees
    client.force_login(bob)
    assert ("Tuinieren en koken" in client.get(url).content.decode()) is neighbour_sees
    client.force_login(alice)
    assert "Tuinieren en koken" in client.get(url).content.decode()


def test_profile_of_someone_outside_the_wijk_is_a_404(client, wijk, other_wijk, charlie):
    url = reverse("wijken:person", kwargs={"wijk_slug": wijk.slug, "user_id": charlie.pk})
    assert client.get(url).status_code == 404


def test_email_address_is_never_shown_on_a_profile(client, wijk):
    person = member(wijk, profile_visibility="everyone")
    url = reverse("wijken:person", kwargs={"wijk_slug": wijk.slug, "user_id": person.pk})
    assert person.email not in client.get(url).content.decode()
