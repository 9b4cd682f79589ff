"""The production settings: `check --deploy` is clean, and the environment switches on replicas, object
storage and JSON logs. Each runs the settings in a fresh process, as a server would."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "PRODUCTION": "true",
    "SECRET_KEY": "x7Qk2-not-a-real-key-but-long-and-random-enough-0b9f3c1e5d7a9b2c4e6f8a0b1c3d5e7f",
    "ALLOWED_HOSTS": "likejewijk.example,www.likejewijk.example",
}


def run(args, **env):
    # Not the test run's own switches (the browser tests allow Django's async-unsafe calls in their process).
    skip = {"DATABASE_URL", "REDIS_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in skip}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def settings_of(names, **env):
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}, default=str))"
    )
    result = run(["-c", code], DJANGO_SETTINGS_MODULE="wijkplatform.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_is_clean_under_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run(["manage.py", "check"], PRODUCTION="true", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_replica_urls_become_databases_behind_the_router():
    found = settings_of(
        ["DATABASES", "DATABASE_REPLICAS", "DATABASE_ROUTERS", "READ_YOUR_WRITES_SECONDS"],
        DATABASE_URL="postgres://wijk@db-primary:5432/wijk",
        DATABASE_REPLICA_URLS="postgres://wijk@db-replica-1:5432/wijk, postgres://wijk@db-replica-2:5432/wijk",
        READ_YOUR_WRITES_SECONDS="15",
    )
    assert found["DATABASE_REPLICAS"] == ["replica_0", "replica_1"]
    assert found["DATABASES"]["replica_1"]["HOST"] == "db-replica-2"
    assert found["DATABASES"]["replica_0"]["TEST"]["MIRROR"] == "default"
    assert found["DATABASE_ROUTERS"] == ["wijkplatform.core.db_router.PrimaryReplicaRouter"]
    assert found["READ_YOUR_WRITES_SECONDS"] == 15


def test_replicas_without_a_primary_url_are_refused():
    result = run(["manage.py", "check"], DATABASE_REPLICA_URLS="postgres://wijk@db-replica-1/wijk")
    assert result.returncode != 0 and "DATABASE_REPLICA_URLS needs DATABASE_URL" in result.stderr


def test_a_bucket_switches_uploads_to_object_storage():
    found = settings_of(
        ["STORAGES", "LOG_FORMAT"],
        AWS_STORAGE_BUCKET_NAME="wijk-media",
        AWS_PRIVATE_BUCKET_NAME="wijk-private",
        AWS_S3_ENDPOINT_URL="https://s3.nl-ams.example",
        SIGNED_URL_SECONDS="120",
        **PRODUCTION_ENV,
    )
    default, private = found["STORAGES"]["default"], found["STORAGES"]["private"]
    assert default["BACKEND"] == private["BACKEND"] == "wijkplatform.core.storage.S3Storage"
    assert (
        default["OPTIONS"]["bucket_name"] == "wijk-media" and default["OPTIONS"]["querystring_auth"] is False
    )
    assert (
        private["OPTIONS"]["bucket_name"] == "wijk-private" and private["OPTIONS"]["querystring_auth"] is True
    )
    assert private["OPTIONS"]["querystring_expire"] == 120
    assert found["LOG_FORMAT"] == "json"


def test_without_a_bucket_files_stay_on_local_disk():
    found = settings_of(["STORAGES", "LOG_FORMAT"])
    assert found["STORAGES"]["default"]["BACKEND"] == "wijkplatform.core.storage.FileSystemStorage"
    assert found["STORAGES"]["private"]["BACKEND"] == "wijkplatform.core.storage.FileSystemStorage"
    assert found["LOG_FORMAT"] == "text"


def test_beat_runs_every_periodic_job_the_apps_declare_and_each_is_a_real_task():
    from django.conf import settings

    from wijkplatform.celery import app

    app.loader.import_default_modules()
    assert "notifications-send-outbox" in settings.CELERY_BEAT_SCHEDULE
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, f"{name}: no task called {entry['task']}"
