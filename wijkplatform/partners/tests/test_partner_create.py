import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from wijkplatform.partners.models import Organisation, PartnerPresence, Representative


def create_url(wijk):
    return reverse("partners:create", kwargs={"wijk_slug": wijk.slug})


def logo_file():
    buffer = io.BytesIO()
    image = Image.new("RGB", (120, 80), "blue")
    exif = Image.Exif()
    exif[0x010F] = "Secret camera"
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile("logo.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_a_member_adds_an_organisation_and_asks_to_represent_it(client, wijk, alice):
    client.force_login(alice)
    response = client.post(
        create_url(wijk),
        {
            "name": "Huis van de Wijk Het Klooster",
            "kind": "community_centre",
            "offer": "Koffie, **taalles** en een spreekuur.",
            "contact": "010 123 45 67",
            "opening_hours": "Ma-vr 9:00-17:00",
            "website": "https://example.org",
            "logo": logo_file(),
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.slug == "huis-van-de-wijk-het-klooster"
    assert PartnerPresence.objects.in_wijk(wijk).get().organisation == organisation
    request = Representative.objects.in_wijk(wijk).get()
    assert request.user == alice and request.status == "pending"
    with Image.open(organisation.logo.path) as stored:
        assert not stored.getexif()
    page = client.get(response["Location"]).content.decode()
    assert "<strong>taalles</strong>" in page
    assert "waiting for approval" in page


def test_bad_input_gives_messages_and_saves_nothing(client, wijk, alice):
    client.force_login(alice)
    response = client.post(create_url(wijk), {"name": "", "kind": "spaceship", "website": "not a url"})
    assert response.status_code == 400
    assert not Organisation.objects.exists()
    bad_logo = SimpleUploadedFile("logo.png", b"<svg></svg>", content_type="image/png")
    response = client.post(create_url(wijk), {"name": "X", "kind": "school", "logo": bad_logo})
    assert response.status_code == 400
    assert "not an image we can read" in response.content.decode()
    assert not Organisation.objects.exists()


def test_two_organisations_with_the_same_name_get_their_own_address(client, wijk, other_wijk, alice, charlie):
    from wijkplatform.partners import services

    services.organisation_create(wijk=wijk, by=alice, name="Speeltuin", kind="playground")
    services.organisation_create(wijk=other_wijk, by=charlie, name="Speeltuin", kind="playground")
    assert sorted(Organisation.objects.values_list("slug", flat=True)) == ["speeltuin", "speeltuin-2"]


def test_non_members_cannot_add_organisations(client, wijk, stranger):
    client.force_login(stranger)
    assert client.post(create_url(wijk), {"name": "X", "kind": "school"}).status_code == 403
    assert not Organisation.objects.exists()


def test_a_website_typed_without_a_scheme_is_stored_with_https(client, wijk, alice):
    client.force_login(alice)
    response = client.post(create_url(wijk), {"name": "Buurthuis", "kind": "community_centre", "website": "buurthuis.nl"})
    assert response.status_code == 302
    assert Organisation.objects.get().website == "https://buurthuis.nl"
