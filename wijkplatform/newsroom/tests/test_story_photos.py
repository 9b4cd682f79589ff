from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wijkplatform.core.testing.factories import member
from wijkplatform.newsroom import services
from wijkplatform.newsroom.models import StoryPhoto
from wijkplatform.newsroom.tests.factories import StoryFactory

from .helpers import url


def jpeg_with_exif():
    image = Image.new("RGB", (50, 40), "blue")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile("p.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_reporter_adds_an_inline_photo_that_shows_in_the_published_story(client, wijk):
    reporter = member(wijk, "reporter")
    story = services.story_create(wijk=wijk, by=reporter, title="With a photo")
    client.force_login(reporter)
    response = client.post(url(wijk, "desk_photo", pk=story.pk), {"image": jpeg_with_exif(), "caption": "The canal"})
    assert response.status_code == 302
    photo = StoryPhoto.objects.in_wijk(wijk).get()
    with photo.image.open("rb") as handle:
        assert b"SecretCam" not in handle.read()  # EXIF stripped
    assert photo.markdown in client.get(url(wijk, "desk_story", pk=story.pk)).content.decode()
    published = StoryFactory(wijk=wijk, reporter=reporter, body=f"Look:\n\n{photo.markdown}")
    page = client.get(url(wijk, "story", pk=published.pk)).content.decode()
    assert f'<img alt="The canal" src="{photo.image.url}"' in page or f'src="{photo.image.url}"' in page


def test_inline_photo_bad_input(client, wijk):
    reporter = member(wijk, "reporter")
    story = services.story_create(wijk=wijk, by=reporter, title="Draft")
    client.force_login(reporter)
    not_image = SimpleUploadedFile("x.jpg", b"just text", content_type="image/jpeg")
    assert client.post(url(wijk, "desk_photo", pk=story.pk), {"image": not_image, "caption": "x"}).status_code == 400
    assert (
        client.post(url(wijk, "desk_photo", pk=story.pk), {"image": jpeg_with_exif(), "caption": ""}).status_code == 400
    )
    assert client.post(url(wijk, "desk_photo", pk=story.pk), {"caption": "x"}).status_code == 400
    client.force_login(member(wijk, "reporter"))
    assert (
        client.post(url(wijk, "desk_photo", pk=story.pk), {"image": jpeg_with_exif(), "caption": "x"}).status_code
        == 404
    )
    assert not StoryPhoto.objects.in_wijk(wijk).exists()
