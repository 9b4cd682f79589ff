import pytest
from PIL import Image

from wijkplatform.community.models import Post, PostPhoto
from wijkplatform.core.testing.factories import member

from .helpers import bomb_upload, exif_with_gps, image_upload, url

pytestmark = pytest.mark.django_db


def post_form(**overrides):
    data = {
        "kind": "request",
        "text": "Wie kan zaterdag helpen met **verhuizen**?",
        "category": "neighbours",
        "audience": "public",
    }
    data.update(overrides)
    return data


def test_member_posts_a_request_and_it_shows_on_the_feed(client, wijk, alice):
    client.force_login(alice)
    response = client.post(url("post_create", wijk), post_form())
    post = Post.objects.in_wijk(wijk).get()
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    assert post.author == alice and post.kind == "request" and post.category == "neighbours"
    page = client.get(url("feed", wijk)).content.decode()
    assert "<strong>verhuizen</strong>" in page and "Request for help" in page


def test_the_feed_form_and_page_render_for_members_and_visitors(client, wijk, alice):
    assert client.get(url("feed", wijk)).status_code == 200
    client.force_login(alice)
    page = client.get(url("feed", wijk)).content.decode()
    assert 'name="text"' in page and 'name="photos"' in page
    assert client.get(url("post_create", wijk) + "?kind=offer").status_code == 200


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "This field is required"),
        ("   ", "This field is required"),
        ("x" * 5001, "at most 5000 characters"),
    ],
)
def test_empty_or_oversized_post_is_refused_with_a_message(client, wijk, alice, text, message):
    client.force_login(alice)
    response = client.post(url("post_create", wijk), post_form(text=text))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Post.objects.in_wijk(wijk).exists()


def test_bad_kind_audience_or_category_is_refused(client, wijk, alice):
    client.force_login(alice)
    for field in ("kind", "audience", "category"):
        response = client.post(url("post_create", wijk), post_form(**{field: "dislike"}))
        assert response.status_code == 400
    assert not Post.objects.in_wijk(wijk).exists()


def test_non_member_may_not_post(client, wijk, charlie, stranger):
    for person in (charlie, stranger):
        client.force_login(person)
        assert client.post(url("post_create", wijk), post_form()).status_code == 403
    client.logout()
    assert client.post(url("post_create", wijk), post_form()).status_code == 302  # to the login page
    assert not Post.objects.in_wijk(wijk).exists()


def test_photos_are_cleaned_resized_and_served_lazily_with_their_size(
    client, wijk, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    photos = [image_upload("a.jpg", exif=exif_with_gps()), image_upload("b.png", size=(300, 200), fmt="PNG")]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("post_create", wijk), {**post_form(), "photos": photos})
    assert response.status_code == 302
    big, small = PostPhoto.objects.in_wijk(wijk).order_by("position")
    assert (big.width, big.height) == (1600, 1200)
    with Image.open(big.image.path) as stored:
        assert not stored.getexif()  # EXIF and GPS are gone
    # The task made a smaller variant of the big photo; the small one is shown as it is.
    assert big.small and (big.small_width, big.small_height) == (720, 540)
    assert not small.small
    page = client.get(url("post_detail", wijk, pk=big.post_id)).content.decode()
    assert f'src="{big.small.url}" width="720" height="540" loading="lazy"' in page
    assert f'src="{small.image.url}" width="300" height="200" loading="lazy"' in page


def test_more_than_six_photos_are_refused(client, wijk, alice):
    client.force_login(alice)
    photos = [image_upload(f"{n}.jpg", size=(20, 20)) for n in range(7)]
    response = client.post(url("post_create", wijk), {**post_form(), "photos": photos})
    assert response.status_code == 400
    assert "at most 6 photos" in response.content.decode()
    assert not Post.objects.in_wijk(wijk).exists()


def test_a_file_that_is_not_an_image_is_refused(client, wijk, alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(alice)
    fake = SimpleUploadedFile("photo.jpg", b"#!/bin/sh\necho not an image\n", content_type="image/jpeg")
    response = client.post(url("post_create", wijk), {**post_form(), "photos": [fake]})
    assert response.status_code == 400
    assert "not an image we can read" in response.content.decode()
    assert not Post.objects.in_wijk(wijk).exists() and not PostPhoto.objects.in_wijk(wijk).exists()


def test_a_decompression_bomb_is_refused(client, wijk, alice):
    client.force_login(alice)
    response = client.post(url("post_create", wijk), {**post_form(), "photos": [bomb_upload()]})
    assert response.status_code == 400
    assert "too many pixels" in response.content.decode()
    assert not Post.objects.in_wijk(wijk).exists()


def test_members_only_posts_are_not_shown_to_visitors_or_other_wijken(client, wijk, alice, charlie):
    client.force_login(alice)
    client.post(url("post_create", wijk), post_form(text="Alleen voor de buren", audience="members"))
    post = Post.objects.in_wijk(wijk).get()
    assert "Alleen voor de buren" in client.get(url("feed", wijk)).content.decode()
    client.logout()
    assert "Alleen voor de buren" not in client.get(url("feed", wijk)).content.decode()
    assert client.get(url("post_detail", wijk, pk=post.pk)).status_code == 404
    assert "Alleen voor de buren" not in client.get(url("feed_rss", wijk)).content.decode()
    client.force_login(charlie)
    assert client.get(url("post_detail", wijk, pk=post.pk)).status_code == 404


def test_point_host_places_a_post_for_a_resident(wijk, alice):
    from wijkplatform.community.services import post_create

    host = member(wijk, "point_host")
    post = post_create(wijk=wijk, author=alice, kind="offer", text="Ik kan boodschappen doen", placed_by=host)
    assert post.author == alice and post.placed_by == host


def test_a_post_placed_via_a_point_says_so(client, wijk, other_wijk, alice):
    from django.core.exceptions import ValidationError

    from wijkplatform.community.services import post_create
    from wijkplatform.points.tests.factories import PointFactory

    host = member(wijk, "point_host")
    point = PointFactory(wijk=wijk, name="Bibliotheek Bergweg")
    post = post_create(
        wijk=wijk,
        author=alice,
        kind="request",
        text="Wie helpt met de tuin?",
        placed_by=host,
        via_point=point,
    )
    assert post.via_point == point
    page = client.get(url("feed", wijk)).content.decode()
    assert "placed via Bibliotheek Bergweg" in page
    elsewhere = PointFactory(wijk=other_wijk)
    with pytest.raises(ValidationError):
        post_create(wijk=wijk, author=alice, kind="message", text="Hoi", placed_by=host, via_point=elsewhere)
