"""Back up the database and the uploaded files into one directory, and restore them into an empty
installation (`manage.py backup --output DIR`, `manage.py restore DIR`; docs/operations.md).

A backup directory holds:
- `database.dump` (PostgreSQL: pg_dump custom format) or `database.sqlite3` (SQLite: the online backup API);
- `media.tar.gz` (MEDIA_ROOT) and `private.tar.gz` (private files), when those live on local disk;
- `manifest.json`: when and from what, every table's row count, every file's SHA-256.

On PostgreSQL the row counts are taken in the same snapshot pg_dump reads (pg_export_snapshot), so the
manifest describes exactly what is in the dump, also while the platform keeps running.
"""

import contextlib
import datetime
import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump and pg_restore are the tools for the job
import tarfile
from pathlib import Path

import django
from django.db import connections

from .tenancy_context import cross_wijk

FORMAT_VERSION = 1


class BackupError(Exception):
    pass


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_checksums(root):
    root = Path(root)
    if not root.is_dir():
        return {}
    return {
        str(path.relative_to(root)): sha256_file(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def count_rows(cursor, tables, quote):
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - names from introspection
        counts[table] = cursor.fetchone()[0]
    return counts


def table_counts(connection):
    with cross_wijk("backup: every row of every table"), connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return count_rows(cursor, tables, connection.ops.quote_name)


def pg_tool(name, connection):
    """The pg_dump/pg_restore of the server's major version, else the newest on the machine."""
    connection.ensure_connection()
    major = connection.pg_version // 10000
    candidates = [f"/usr/lib/postgresql/{major}/bin/{name}"]
    candidates += sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    for candidate in candidates:
        if os.path.exists(candidate):
            return candidate
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found: install the PostgreSQL client tools (version {major} or newer)")
    return found


def pg_env(conf):
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": conf["HOST"] or "",
            "PGPORT": str(conf["PORT"] or ""),
            "PGUSER": conf["USER"] or "",
            "PGDATABASE": conf["NAME"],
        }
    )
    if conf["PASSWORD"]:
        env["PGPASSWORD"] = conf["PASSWORD"]
    return {key: value for key, value in env.items() if value != ""}


def _tar(source, target):
    with tarfile.open(target, "w:gz") as archive:
        archive.add(source, arcname=".")


def local_root(storage_name):
    """The directory of a storage when it is on local disk, else None (object storage)."""
    from django.core.files.storage import storages

    storage = storages[storage_name]
    location = getattr(storage, "location", None)
    if location is None or hasattr(storage, "bucket_name"):
        return None
    return Path(location)


def backup(output, *, connection=None, log=print):
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise BackupError(f"{output} is not empty: give a new directory for each backup")
    output.mkdir(parents=True, exist_ok=True)
    connection = connection or connections["default"]
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "vendor": connection.vendor,
        "django": django.get_version(),
        "files": {},
    }
    if connection.vendor == "postgresql":
        manifest["tables"] = _backup_postgresql(connection, output / "database.dump")
        manifest["files"]["database.dump"] = sha256_file(output / "database.dump")
    elif connection.vendor == "sqlite":
        manifest["tables"] = _backup_sqlite(connection, output / "database.sqlite3")
        manifest["files"]["database.sqlite3"] = sha256_file(output / "database.sqlite3")
    else:
        raise BackupError(f"backups of {connection.vendor} are not supported")
    log(f"database: {len(manifest['tables'])} tables, {sum(manifest['tables'].values())} rows")

    for storage_name, archive_name in (("default", "media"), ("private", "private")):
        root = local_root(storage_name)
        if root is None:
            manifest[archive_name] = None  # object storage: versioned and replicated by the bucket
            log(f"{archive_name}: in object storage, not in this backup (see docs/operations.md)")
            continue
        manifest[archive_name] = file_checksums(root)
        if manifest[archive_name]:
            _tar(root, output / f"{archive_name}.tar.gz")
            manifest["files"][f"{archive_name}.tar.gz"] = sha256_file(output / f"{archive_name}.tar.gz")
        log(f"{archive_name}: {len(manifest[archive_name])} files")
    (output / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def _backup_postgresql(connection, target):
    import psycopg

    conf = connection.settings_dict
    pg_dump = pg_tool("pg_dump", connection)
    params = {
        "dbname": conf["NAME"],
        "user": conf["USER"] or None,
        "password": conf["PASSWORD"] or None,
        "host": conf["HOST"] or None,
        "port": conf["PORT"] or None,
    }
    # One snapshot for the counts and for pg_dump: the manifest says exactly what the dump holds.
    with psycopg.connect(**{k: v for k, v in params.items() if v}) as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchall()
        ]
        with conn.cursor() as cursor:
            counts = count_rows(cursor, tables, lambda name: '"' + name.replace('"', '""') + '"')
        result = subprocess.run(  # noqa: S603
            [
                pg_dump,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "--file",
                str(target),
            ],
            env=pg_env(conf),
            capture_output=True,
            text=True,
            check=False,
        )
        conn.rollback()
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return counts


def _backup_sqlite(connection, target):
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        tables = [
            row[0]
            for row in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return count_rows(cursor, tables, lambda name: '"' + name.replace('"', '""') + '"')


def restore(source, *, connection=None, log=print):
    source = Path(source)
    try:
        manifest = json.loads((source / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} holds no readable manifest.json: {error}") from None
    for name, checksum in manifest["files"].items():
        if not (source / name).exists() or sha256_file(source / name) != checksum:
            raise BackupError(f"{name} is missing or damaged (its checksum differs from the manifest)")
    connection = connection or connections["default"]
    if connection.vendor != manifest["vendor"]:
        raise BackupError(f"this backup is of {manifest['vendor']}, the database here is {connection.vendor}")
    if connection.introspection.table_names():
        raise BackupError(
            "the database is not empty: restore goes into a new, empty database (no migrate first)"
        )
    roots = {"media": local_root("default"), "private": local_root("private")}
    for archive_name, root in roots.items():
        if manifest.get(archive_name) and root is not None and root.exists() and any(root.iterdir()):
            raise BackupError(f"{root} is not empty: restore goes into an empty installation")

    if connection.vendor == "postgresql":
        result = subprocess.run(  # noqa: S603
            [
                pg_tool("pg_restore", connection),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                connection.settings_dict["NAME"],
                str(source / "database.dump"),
            ],
            env=pg_env(connection.settings_dict),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    else:
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(source / "database.sqlite3")) as copy:
            copy.backup(connection.connection)
    log(f"database: restored {len(manifest['tables'])} tables")

    for archive_name, root in roots.items():
        if not manifest.get(archive_name):
            continue
        if root is None:
            raise BackupError(
                f"the backup holds {archive_name} files but {archive_name} here is object storage"
            )
        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(source / f"{archive_name}.tar.gz") as archive:
            archive.extractall(root, filter="data")
        log(f"{archive_name}: restored {len(manifest[archive_name])} files")
    return verify(manifest, connection=connection, roots=roots)


def verify(manifest, *, connection, roots=None):
    """Compare the installation with the manifest; return a list of differences (empty: all back)."""
    problems = []
    counts = table_counts(connection)
    for table, expected in manifest["tables"].items():
        if counts.get(table) != expected:
            problems.append(f"table {table}: {counts.get(table)} rows, the backup has {expected}")
    for archive_name, root in (roots or {}).items():
        expected = manifest.get(archive_name) or {}
        found = file_checksums(root) if root else {}
        for name, checksum in expected.items():
            if found.get(name) != checksum:
                problems.append(f"{archive_name} file {name} is missing or differs")
    return problems
