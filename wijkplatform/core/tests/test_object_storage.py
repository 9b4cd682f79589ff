"""Uploads and private files on S3-compatible object storage (moto's S3 server on a loopback port), private
files through short-lived signed URLs, and a storage that refuses (object storage down, a bucket missing,
a disk that will not take the file): every upload form shows a clear message and keeps what was typed,
status 400, and nothing is half-saved; never a 500."""

import io
import json
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from wijkplatform.core import storage
from wijkplatform.core.testing.factories import member
from wijkplatform.core.testing.pgcluster import free_port

POST = {"kind": "message", "text": "Buurtbarbecue zaterdag op het plein!", "category": "general",
        "audience": "public"}
REFUSED = "We could not store your file just now"
KEYS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}


def png_upload(name="photo.png"):
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def jpeg_with_exif():
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    Image.new("RGB", (40, 30), "blue").save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")


def s3_storages(endpoint, *, public_bucket="wijk-media", private_bucket="wijk-private", fast_fail=False):
    from botocore.config import Config

    options = {
        **KEYS,
        "endpoint_url": endpoint,
        "file_overwrite": False,
        "default_acl": None,
        "signature_version": "s3v4",
    }
    if fast_fail:
        options["client_config"] = Config(connect_timeout=1, read_timeout=1, retries={"max_attempts": 1})
    return {
        "default": {
            "BACKEND": "wijkplatform.core.storage.S3Storage",
            "OPTIONS": {
                **options,
                "bucket_name": public_bucket,
                "querystring_auth": False,
                "location": "media",
            },
        },
        "private": {
            "BACKEND": "wijkplatform.core.storage.S3Storage",
            "OPTIONS": {
                **options,
                "bucket_name": private_bucket,
                "querystring_auth": True,
                "querystring_expire": 300,
                "location": "private",
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="module")
def s3_endpoint():
    pytest.importorskip("moto")
    import boto3
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket="wijk-media")
    client.create_bucket(Bucket="wijk-private")
    # Uploads are public (docs/operations.md): the operator gives the media bucket a read-only public policy.
    client.put_bucket_policy(
        Bucket="wijk-media",
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::wijk-media/media/*",
                    }
                ],
            }
        ),
    )
    try:
        yield endpoint, client
    finally:
        server.stop()


def test_a_posted_photo_lands_in_the_bucket_cleaned(s3_endpoint, settings, client, wijk, alice):
    from wijkplatform.community.models import PostPhoto

    endpoint, client_s3 = s3_endpoint
    settings.STORAGES = s3_storages(endpoint)
    client.force_login(alice)
    response = client.post(
        reverse("community:post_create", kwargs={"wijk_slug": wijk.slug}),
        {**POST, "photos": [jpeg_with_exif()]},
    )
    assert response.status_code == 302
    name = PostPhoto.objects.in_wijk(wijk).get().image.name
    assert name.startswith("community/photos/") and name.endswith(".jpg")
    stored = client_s3.get_object(Bucket="wijk-media", Key=f"media/{name}")["Body"].read()
    assert b"SecretCam" not in stored  # EXIF stripped before it was stored
    assert Image.open(io.BytesIO(stored)).size == (40, 30)
    url = storage.public_storage().url(name)
    assert url.startswith(f"{endpoint}/wijk-media/media/community/photos/") and "Signature" not in url
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - the local test endpoint
        assert response.read() == stored


def test_a_private_file_is_reached_through_a_short_lived_signed_url(s3_endpoint, settings):
    endpoint, client = s3_endpoint
    settings.STORAGES = s3_storages(endpoint)
    settings.SIGNED_URL_SECONDS = 120
    name = storage.save_file("certificates/cert-17.pdf", ContentFile(b"%PDF-1.7 certificate"), private=True)
    assert (
        client.get_object(Bucket="wijk-private", Key=f"private/{name}")["Body"].read()
        == b"%PDF-1.7 certificate"
    )
    url = storage.signed_url(name)
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Expires"] == ["120"] and "X-Amz-Signature" in query
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
        assert response.read() == b"%PDF-1.7 certificate"
    unsigned = url.split("?")[0]
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(unsigned, timeout=5)  # noqa: S310
    assert refused.value.code == 403


def test_a_storage_that_refuses_gives_a_clear_message(settings):
    settings.STORAGES = s3_storages(
        f"http://127.0.0.1:{free_port()}", fast_fail=True
    )  # nothing listens there
    with pytest.raises(ValidationError) as error:
        storage.save_file("posts/photo.png", png_upload())
    assert error.value.code == "storage_unavailable"
    assert "try again" in error.value.messages[0]


def test_a_missing_bucket_gives_the_same_clear_message(s3_endpoint, settings):
    endpoint, _client = s3_endpoint
    settings.STORAGES = s3_storages(endpoint, public_bucket="no-such-bucket", fast_fail=True)
    with pytest.raises(ValidationError) as error:
        storage.save_file("posts/x.txt", ContentFile(b"x"))
    assert error.value.code == "storage_unavailable"


def test_a_disk_that_refuses_gives_the_same_clear_message(settings, tmp_path):
    (tmp_path / "a-file").write_bytes(b"")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "wijkplatform.core.storage.FileSystemStorage",
                    "OPTIONS": {"location": tmp_path / "a-file" / "private"}},
    }
    with pytest.raises(ValidationError) as error:
        storage.save_file("exports/wijk.zip", ContentFile(b"PK"), private=True)
    assert error.value.code == "storage_unavailable"


def test_private_files_on_local_disk_use_signed_links(client, db, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    name = storage.save_file("exports/wijk.zip", ContentFile(b"PK export"), private=True)
    url = storage.signed_url(name)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK export"
    assert response["Cache-Control"] == "private, no-store"
    assert client.get(url[:-3] + "xyz").status_code == 404
    assert client.get("/files/exports%2Fwijk.zip").status_code == 404


def test_a_signed_local_link_expires(client, db, settings, tmp_path, monkeypatch):
    import time

    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    name = storage.save_file("exports/old.zip", ContentFile(b"old"), private=True)
    url = storage.signed_url(name, seconds=60)
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get(url).status_code == 404


def test_storage_errors_are_not_swallowed_for_other_bugs(settings, monkeypatch):
    monkeypatch.setattr(storage.public_storage().__class__, "_save", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        storage.save_file("x.txt", ContentFile(b"x"))


# --- A refusing storage through the real forms ---------------------------------------------------------------
# Each upload form, posted with a photo (or file) the storage refuses: 400, the message, the typed text in
# the form again, and nothing saved (no row without its photo, no half-changed row).


@pytest.fixture(params=["object storage down", "disk refuses"])
def refusing_storage(request, settings, tmp_path):
    if request.param == "object storage down":
        settings.STORAGES = s3_storages(f"http://127.0.0.1:{free_port()}", fast_fail=True)
    else:
        (tmp_path / "a-file").write_bytes(b"")  # the media directory would have to be inside a file
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "wijkplatform.core.storage.FileSystemStorage",
                        "OPTIONS": {"location": tmp_path / "a-file" / "media"}},
        }
    return request.param


def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def refused_with(response, *typed):
    page = response.content.decode()
    assert response.status_code == 400, page[:3000]
    assert REFUSED in page
    for text in typed:
        assert text in page, text


def test_a_post_whose_photo_is_refused_keeps_its_text(refusing_storage, client, settings, wijk, alice):
    from wijkplatform.community.models import Post, PostPhoto

    english(client, settings)
    client.force_login(alice)
    response = client.post(
        reverse("community:post_create", kwargs={"wijk_slug": wijk.slug}), {**POST, "photos": [png_upload()]}
    )
    refused_with(response, POST["text"])
    assert not Post.objects.in_wijk(wijk).exists() and not PostPhoto.objects.in_wijk(wijk).exists()


def test_an_event_whose_photo_is_refused_keeps_its_text(refusing_storage, client, settings, wijk, alice):
    from wijkplatform.events.models import Event

    english(client, settings)
    client.force_login(alice)
    data = {
        "title": "Buurtborrel op het plein", "description": "Kom gezellig langs.", "starts_at": "2030-06-14T19:30",
        "ends_at": "2030-06-14T22:00", "place": "address", "address": "Zwaanshals 10", "recurrence": "",
        "cost": "", "capacity": "", "photo": png_upload(),
    }
    response = client.post(reverse("events:create", kwargs={"wijk_slug": wijk.slug}), data)
    refused_with(response, "Buurtborrel op het plein", "Kom gezellig langs.")
    assert not Event.objects.in_wijk(wijk).exists()


def test_a_profile_whose_photo_is_refused_keeps_its_text(refusing_storage, client, settings, alice):
    english(client, settings)
    client.force_login(alice)
    data = {
        "display_name": "Alice van Dam", "bio": "Ik woon hier sinds 2010.", "languages": "", "can_help_with": "",
        "preferred_language": "", "profile_visibility": "members", "photo_visibility": "members",
        "photo": png_upload(),
    }
    response = client.post(reverse("accounts:profile"), data)
    refused_with(response, "Alice van Dam", "Ik woon hier sinds 2010.")
    alice.refresh_from_db()
    assert alice.display_name == "Alice" and not alice.bio and not alice.photo


def test_wijk_settings_whose_logo_is_refused_keep_their_text(refusing_storage, client, settings, wijk, coordinator):
    english(client, settings)
    client.force_login(coordinator)
    data = {
        "name": wijk.name, "tagline": "Samen sterk", "description": "", "colour": "#005ea5", "language": "nl",
        "languages": "", "time_zone": "Europe/Amsterdam", "visibility": "public", "join_policy": "open",
        "invite_code": "", "parts_on": ["feed", "agenda"], "logo": png_upload(),
    }
    response = client.post(reverse("wijken:settings", kwargs={"wijk_slug": wijk.slug}), data)
    refused_with(response, "Samen sterk")
    wijk.refresh_from_db()
    assert wijk.tagline != "Samen sterk" and not wijk.logo and not wijk.parts_off


def test_a_partner_whose_logo_is_refused_keeps_its_text(refusing_storage, client, settings, wijk, alice):
    from wijkplatform.partners.models import Organisation

    english(client, settings)
    client.force_login(alice)
    data = {
        "name": "Huis van de Wijk Het Klooster", "kind": "community_centre", "offer": "Koffie en taalles.",
        "contact": "", "opening_hours": "", "website": "", "logo": png_upload(),
    }
    response = client.post(reverse("partners:create", kwargs={"wijk_slug": wijk.slug}), data)
    refused_with(response, "Huis van de Wijk Het Klooster", "Koffie en taalles.")
    assert not Organisation.objects.exists()


def test_a_point_whose_photo_is_refused_keeps_its_text(refusing_storage, client, settings, wijk, coordinator):
    from wijkplatform.points.models import Point

    english(client, settings)
    client.force_login(coordinator)
    data = {
        "name": "Huis van de Wijk", "kind": "community_centre", "address": "Zwaanshals 1", "activities": "Help",
        "is_active": "on", "photo": png_upload(), "photo_alt": "The door",
    }
    response = client.post(reverse("points:desk", kwargs={"wijk_slug": wijk.slug}), data)
    refused_with(response, "Huis van de Wijk", "Zwaanshals 1")
    assert not Point.objects.in_wijk(wijk).exists()


def test_a_progress_update_whose_photo_is_refused_keeps_its_text(refusing_storage, client, settings, wijk, alice):
    from wijkplatform.budget.models import Plan, ProgressUpdate, Round
    from wijkplatform.budget.tests.factories import PlanFactory, RoundFactory

    plan = PlanFactory(wijk=wijk, round=RoundFactory(wijk=wijk, phase=Round.Phase.CLOSED), won=True,
                       submitted_by=alice)
    english(client, settings)
    client.force_login(alice)
    data = {"text": "De eerste tuintjes staan er.", "progress": "under_way", "photo": png_upload()}
    response = client.post(reverse("budget:progress_add", kwargs={"wijk_slug": wijk.slug, "pk": plan.pk}), data)
    refused_with(response, "De eerste tuintjes staan er.")
    assert not ProgressUpdate.objects.in_wijk(wijk).exists()
    assert Plan.objects.in_wijk(wijk).get().progress == plan.progress


def test_a_story_whose_cover_is_refused_keeps_its_text(refusing_storage, client, settings, wijk):
    from wijkplatform.newsroom import services
    from wijkplatform.newsroom.models import Revision, Story

    reporter = member(wijk, "reporter")
    story = services.story_create(wijk=wijk, by=reporter, title="Het plein")
    english(client, settings)
    client.force_login(reporter)
    data = {
        "title": "Het plein is weer groen", "lead": "Na een jaar werk.", "body": "De hele **buurt** hielp.",
        "tags": "", "language": story.language, "cover_caption": "Het plein", "cover_credit": "", "planned_for": "",
        "version": story.version, "cover": png_upload(),
    }
    response = client.post(reverse("newsroom:desk_story", kwargs={"wijk_slug": wijk.slug, "pk": story.pk}), data)
    refused_with(response, "Het plein is weer groen", "Na een jaar werk.", "De hele **buurt** hielp.")
    saved = Story.objects.in_wijk(wijk).get()
    assert (saved.title, saved.version, saved.cover.name) == ("Het plein", story.version, "")
    assert not Revision.objects.in_wijk(wijk).filter(title="Het plein is weer groen").exists()


def test_a_story_photo_that_is_refused_keeps_its_description(refusing_storage, client, settings, wijk):
    from wijkplatform.newsroom import services
    from wijkplatform.newsroom.models import StoryPhoto

    reporter = member(wijk, "reporter")
    story = services.story_create(wijk=wijk, by=reporter, title="Het plein")
    english(client, settings)
    client.force_login(reporter)
    response = client.post(
        reverse("newsroom:desk_photo", kwargs={"wijk_slug": wijk.slug, "pk": story.pk}),
        {"image": png_upload(), "caption": "Kinderen planten bollen"},
    )
    refused_with(response, 'value="Kinderen planten bollen"')
    assert not StoryPhoto.objects.in_wijk(wijk).exists()


def test_a_lesson_whose_image_is_refused_in_the_admin_keeps_its_text(refusing_storage, client, settings, staff):
    from wijkplatform.academy.models import Lesson, Module
    from wijkplatform.academy.tests.factories import CourseFactory

    module = Module.objects.create(course=CourseFactory(), title="M")
    english(client, settings)
    client.force_login(staff)
    data = {
        "module": module.pk, "title": "Een foto in de les", "order": 1, "minutes": 5, "body": "Kijk **goed**.",
        "image_alt": "Een plein", "video_url": "", "image": png_upload(),
        "downloads-TOTAL_FORMS": 1, "downloads-INITIAL_FORMS": 0, "downloads-MIN_NUM_FORMS": 0,
        "downloads-MAX_NUM_FORMS": 1000, "downloads-0-title": "Het werkblad",
        "downloads-0-file": SimpleUploadedFile("werkblad.pdf", b"%PDF-1.7 sheet", content_type="application/pdf"),
    }
    response = client.post(reverse("admin:academy_lesson_add"), data)
    refused_with(response, "Een foto in de les", "Kijk **goed**.", "Het werkblad")
    assert not Lesson.objects.exists()


def test_edits_whose_photo_is_refused_keep_the_text_and_the_saved_version(
    refusing_storage, client, settings, wijk, alice, coordinator
):
    """Editing a Point, an event and a partner with a new photo: the old version stays as it was."""
    from wijkplatform.events.tests.factories import make_event
    from wijkplatform.partners.tests.factories import partner_in, representative
    from wijkplatform.points.tests.factories import PointFactory

    english(client, settings)
    point = PointFactory(wijk=wijk, name="Oud huis", address="Plein 1")
    client.force_login(coordinator)
    response = client.post(
        reverse("points:desk_point", kwargs={"wijk_slug": wijk.slug, "slug": point.slug}),
        {"action": "point", "name": "Nieuw huis", "kind": point.kind, "address": "Zwaanshals 1", "activities": "",
         "is_active": "on", "photo": png_upload(), "photo_alt": "The door"},
    )
    refused_with(response, "Nieuw huis")
    point.refresh_from_db()
    assert (point.name, point.photo.name) == ("Oud huis", "")

    event = make_event(wijk, alice, title="Oude titel")
    client.force_login(alice)
    response = client.post(
        reverse("events:edit", kwargs={"wijk_slug": wijk.slug, "pk": event.pk}),
        {"title": "Nieuwe titel", "description": "", "starts_at": "2030-06-14T19:30", "ends_at": "2030-06-14T22:00",
         "place": "address", "address": "Zwaanshals 10", "recurrence": "", "cost": "", "capacity": "",
         "photo": png_upload()},
    )
    refused_with(response, "Nieuwe titel")
    event.refresh_from_db()
    assert (event.title, event.photo.name) == ("Oude titel", "")

    organisation = partner_in(wijk).organisation
    representative(wijk, organisation, alice)
    response = client.post(
        reverse("partners:edit", kwargs={"wijk_slug": wijk.slug, "org_slug": organisation.slug}),
        {"name": "Nieuwe naam", "kind": organisation.kind, "offer": "Koffie", "contact": "", "opening_hours": "",
         "website": "", "logo": png_upload()},
    )
    refused_with(response, "Nieuwe naam")
    organisation.refresh_from_db()
    assert organisation.name != "Nieuwe naam" and not organisation.logo
