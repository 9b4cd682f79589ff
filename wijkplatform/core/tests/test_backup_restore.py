"""`manage.py backup` and `manage.py restore`: a round trip into an empty installation brings back every row
of every table and every uploaded file (checked against the source, not only against the manifest)."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.utils import load_backend

from wijkplatform.core.backup import BackupError, file_checksums, restore, table_counts
from wijkplatform.core.testing.factories import member


@pytest.fixture
def installation(request, transactional_db, settings, tmp_path, tenancy_guard):
    """Some people, a wijk and uploaded files, public and private."""
    # The flush after a transactional test empties every table at once: not a query through a wijk.
    request.addfinalizer(lambda: setattr(tenancy_guard, "paused", True))
    from wijkplatform.core.testing.factories import WijkFactory

    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    wijk = WijkFactory(slug="oude-noorden", name="Oude Noorden", city="Rotterdam", country="NL")
    member(wijk, "coordinator", display_name="Cora")
    member(wijk, display_name="Alice")
    media = settings.MEDIA_ROOT
    (media / "posts" / "2026").mkdir(parents=True)
    (media / "posts" / "2026" / "photo.jpg").write_bytes(bytes(range(256)) * 40)
    (media / "avatar.png").write_bytes(b"\x89PNG fake")
    (tmp_path / "private" / "certificates").mkdir(parents=True)
    (tmp_path / "private" / "certificates" / "cert-1.pdf").write_bytes(b"%PDF certificate")
    yield {"media": file_checksums(media), "private": file_checksums(tmp_path / "private")}


def fresh_target(settings, tmp_path):
    """Point the storages of the installation at new, empty directories (the new machine)."""
    settings.MEDIA_ROOT = tmp_path / "new-media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "new-private", "base_url": None},
        },
    }


def target_connection(entry):
    """A connection to the new, empty database, outside `connections` (the test allows only "default")."""
    entry = connections.configure_settings({"default": entry})["default"]
    return load_backend(entry["ENGINE"]).DatabaseWrapper(entry, "restore_target")


def round_trip(installation, settings, tmp_path, target):
    source_counts = table_counts(connection)
    assert source_counts["accounts_user"] == 2 and source_counts["wijken_wijk"] == 1
    call_command("backup", "--output", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["tables"] == source_counts
    assert manifest["media"] == installation["media"] and manifest["private"] == installation["private"]

    fresh_target(settings, tmp_path)
    assert restore(tmp_path / "backup", connection=target, log=lambda line: None) == []
    assert table_counts(target) == source_counts  # every table, every row
    assert file_checksums(tmp_path / "new-media") == installation["media"]
    assert file_checksums(tmp_path / "new-private") == installation["private"]
    with target.cursor() as cursor:
        cursor.execute("SELECT display_name FROM accounts_user ORDER BY display_name")
        assert [row[0] for row in cursor.fetchall()] == ["Alice", "Cora"]

    # Restore goes into an empty installation only: a second restore over it is refused.
    with pytest.raises(BackupError, match="not empty"):
        restore(tmp_path / "backup", connection=target)


def test_round_trip_on_sqlite(installation, settings, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite round trip runs when the suite runs on SQLite")
    target = target_connection(
        {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "restored.sqlite3")}
    )
    try:
        round_trip(installation, settings, tmp_path, target)
    finally:
        target.close()


@pytest.mark.postgres
def test_round_trip_on_postgresql(installation, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    name = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    target = target_connection({**connection.settings_dict, "NAME": name, "OPTIONS": {}})
    try:
        round_trip(installation, settings, tmp_path, target)
    finally:
        target.close()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_a_damaged_backup_is_refused(installation, settings, tmp_path):
    call_command("backup", "--output", str(tmp_path / "backup"))
    dump = next(p for p in (tmp_path / "backup").iterdir() if p.name.startswith("database."))
    dump.write_bytes(dump.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(tmp_path / "backup"))


def test_backup_wants_a_new_directory(installation, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "something").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", "--output", str(tmp_path / "used"))


def test_restore_without_a_manifest_says_so(db, tmp_path):
    with pytest.raises(CommandError, match="manifest"):
        call_command("restore", str(tmp_path))
