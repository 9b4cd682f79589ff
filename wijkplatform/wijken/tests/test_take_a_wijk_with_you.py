"""Export a whole wijk as one archive and import it into another installation with nothing lost."""

import io
import json
import zipfile

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import models
from django.urls import reverse

from wijkplatform.core.tenancy import cross_wijk
from wijkplatform.wijken.models import Wijk
from wijkplatform.wijken.transfer import PRIVATE_FIELDS, ArchiveError, exported_models, wijk_export, wijk_import


def fingerprint(wijk):
    """Every exported row of the wijk, without ids: what it says, who it is by, which files it has."""
    result = {}
    with cross_wijk("test compares the whole wijk"):
        for model in exported_models():
            rows = []
            for obj in model.objects.in_wijk(wijk):
                row = []
                for field in model._meta.concrete_fields:
                    if field.primary_key or field.name == "wijk" or isinstance(field, PRIVATE_FIELDS):
                        continue
                    value = getattr(obj, field.attname)
                    if isinstance(field, models.FileField):
                        file = getattr(obj, field.name)
                        value = bool(file) and default_storage.open(file.name).read()
                    elif field.is_relation and value is not None:
                        target = getattr(obj, field.name)
                        value = getattr(target, "display_name", None) or type(target).__name__
                    elif field.name == "object_id":
                        value = "ref"
                    row.append((field.name, str(value)))
                rows.append(tuple(row))
            result[model._meta.label] = sorted(rows)
    return result


@pytest.fixture
def demo(db, capsys):
    call_command("demo")
    capsys.readouterr()
    return Wijk.objects.get(slug="fitzroy")


def test_round_trip_loses_nothing(demo):
    before = fingerprint(demo)
    assert sum(len(rows) for rows in before.values()) > 100  # the demo fills every part of the wijk
    archive = wijk_export(wijk=demo)

    demo.delete()  # as if this were another installation
    imported = wijk_import(archive_bytes=archive)

    assert imported.slug == "fitzroy" and imported.time_zone == "Australia/Melbourne"
    after = fingerprint(imported)
    for label in before:
        assert after[label] == before[label], label


def test_archive_keeps_private_data_out(demo):
    archive = zipfile.ZipFile(io.BytesIO(wijk_export(wijk=demo)))
    data = archive.read("data.json").decode()
    assert "@example.org" not in data and "pbkdf2" not in data
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format_version"] == 1 and manifest["counts"]["wijken.Membership"] == 7


def test_import_next_to_the_original_under_another_address(demo):
    wijk_import(archive_bytes=wijk_export(wijk=demo), slug="fitzroy-copy")
    assert Wijk.objects.filter(slug__in=["fitzroy", "fitzroy-copy"]).count() == 2


def test_taken_address_damaged_or_newer_archives_are_refused_and_nothing_is_created(demo):
    archive = wijk_export(wijk=demo)
    with pytest.raises(ArchiveError, match="exists here already"):
        wijk_import(archive_bytes=archive)
    with pytest.raises(ArchiveError, match="not a wijk archive"):
        wijk_import(archive_bytes=b"PK\x03\x04 this is not a zip")

    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "data.json":
                content = content.replace(b"Fitzroy", b"Fitzroj")
            target.writestr(item, content)
    with pytest.raises(ArchiveError, match="checksum"):
        wijk_import(archive_bytes=damaged.getvalue(), slug="other")

    newer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(newer, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "manifest.json":
                manifest = json.loads(content)
                manifest["format_version"] = 99
                content = json.dumps(manifest).encode()
            target.writestr(item, content)
    with pytest.raises(ArchiveError, match="newer version"):
        wijk_import(archive_bytes=newer.getvalue(), slug="other")
    assert not Wijk.objects.filter(slug="other").exists()


def test_a_failure_halfway_leaves_nothing_behind(demo, monkeypatch):
    from wijkplatform.wijken import transfer

    archive = wijk_export(wijk=demo)
    calls = {"n": 0}
    real_build = transfer._build

    def failing_build(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 10:
            raise RuntimeError("disk full")
        return real_build(*args, **kwargs)

    monkeypatch.setattr(transfer, "_build", failing_build)
    with pytest.raises(RuntimeError):
        wijk_import(archive_bytes=archive, slug="half")
    assert not Wijk.objects.filter(slug="half").exists()


def test_coordinator_downloads_and_staff_upload(client, demo, staff, settings):
    from wijkplatform.wijken.models import RoleAssignment

    coordinator = RoleAssignment.objects.in_wijk(demo).get(role="coordinator").user
    client.force_login(coordinator)
    response = client.post(reverse("wijken:export", kwargs={"wijk_slug": demo.slug}))
    assert response["Content-Type"] == "application/zip"
    archive = response.content

    client.force_login(staff)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("fitzroy.wijk.zip", archive, content_type="application/zip")
    response = client.post(reverse("start:import"), {"archive": upload, "slug": "fitzroy-2"})
    assert response.status_code == 302 and response.url == "/fitzroy-2/"
    bad = SimpleUploadedFile("x.zip", b"nonsense", content_type="application/zip")
    response = client.post(reverse("start:import"), {"archive": bad, "slug": "x"})
    assert response.status_code == 400 and "not a wijk archive" in response.content.decode()


def test_export_is_for_the_coordinator_only(client, wijk, alice):
    client.force_login(alice)
    assert client.post(reverse("wijken:export", kwargs={"wijk_slug": wijk.slug})).status_code == 403


def test_archive_round_trips_on_the_command_line(demo, tmp_path, capsys):
    call_command("export_wijk", "fitzroy", str(tmp_path / "f.wijk.zip"))
    call_command("import_wijk", str(tmp_path / "f.wijk.zip"), "--slug", "fitzroy-cli")
    assert Wijk.objects.filter(slug="fitzroy-cli").exists()
    assert settings.WIJK_ARCHIVE_MAX_BYTES > 0
