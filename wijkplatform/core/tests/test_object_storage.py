"""Uploads and private files on S3-compatible object storage (moto's S3 server on a loopback port), private
files through short-lived signed URLs, and a storage that refuses: a clear message, never a 500."""

import io
import json
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wijkplatform.core import storage
from wijkplatform.core.testing.pgcluster import free_port

KEYS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}


def png_upload():
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, format="PNG")
    return SimpleUploadedFile("photo.png", out.getvalue(), content_type="image/png")


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
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **options,
                "bucket_name": public_bucket,
                "querystring_auth": False,
                "location": "media",
            },
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
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


def test_an_uploaded_image_lands_in_the_bucket_cleaned(s3_endpoint, settings):
    endpoint, client = s3_endpoint
    settings.STORAGES = s3_storages(endpoint)
    name = storage.save_image(png_upload(), prefix="posts")
    assert name.startswith("posts/") and name.endswith(".png")
    stored = client.get_object(Bucket="wijk-media", Key=f"media/{name}")["Body"].read()
    assert Image.open(io.BytesIO(stored)).size == (40, 30)
    url = storage.public_storage().url(name)
    assert url.startswith(f"{endpoint}/wijk-media/media/posts/") and "Signature" not in url
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
        storage.save_image(png_upload(), prefix="posts")
    assert error.value.code == "storage_unavailable"
    assert "try again" in error.value.messages[0]


def test_a_missing_bucket_gives_the_same_clear_message(s3_endpoint, settings):
    endpoint, _client = s3_endpoint
    settings.STORAGES = s3_storages(endpoint, public_bucket="no-such-bucket", fast_fail=True)
    with pytest.raises(ValidationError) as error:
        storage.save_file("posts/x.txt", ContentFile(b"x"))
    assert error.value.code == "storage_unavailable"


def test_a_post_with_a_refused_image_keeps_its_text(settings):
    """What a form does with it: the error is shown on the image field, the text stays in the form."""
    from django import forms

    class PostForm(forms.Form):
        text = forms.CharField()
        image = forms.ImageField(required=False)

        def save(self):
            try:
                return storage.save_image(self.cleaned_data["image"], prefix="posts")
            except ValidationError as error:
                self.add_error("image", error)
                return None

    settings.STORAGES = s3_storages(f"http://127.0.0.1:{free_port()}", fast_fail=True)
    form = PostForm(data={"text": "Buurtbarbecue zaterdag!"}, files={"image": png_upload()})
    assert form.is_valid()
    assert form.save() is None
    assert "try again" in form.errors["image"][0]
    assert form["text"].value() == "Buurtbarbecue zaterdag!"


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
    monkeypatch.setattr(storage.public_storage().__class__, "save", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        storage.save_file("x.txt", ContentFile(b"x"))
