"""Checks of the engines the platform runs on, for /healthz and the wijk health page."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True, connection.vendor
    except Exception as error:  # noqa: BLE001 - any failure means "down"
        return False, type(error).__name__


def check_cache():
    try:
        cache.set("healthz", "ok", 10)
        ok = cache.get("healthz") == "ok"
        return ok, settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    except Exception as error:  # noqa: BLE001
        return False, type(error).__name__


def check_broker():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return True, "in-process"
    from wijkplatform.celery import app

    try:
        # One try: a refused connection answers at once, and /healthz must not wait for a retry.
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0, timeout=2)
        return True, "redis"
    except Exception as error:  # noqa: BLE001
        return False, type(error).__name__


def platform_health():
    checks = {"database": check_database(), "cache": check_cache(), "broker": check_broker()}
    return {name: {"ok": ok, "detail": detail} for name, (ok, detail) in checks.items()}
