"""/readyz for the reverse proxy and the orchestrator: the database answers and every migration is applied."""

import time

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .db_router import replica_status
from .health import check_database

_migrated_at = 0.0  # once everything is applied, believe it for a while: loading the graph is not free
MIGRATED_TTL = 30


def pending_migrations(alias=DEFAULT_DB_ALIAS):
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


@never_cache
def readyz(request):
    global _migrated_at
    checks = {}
    ok, detail = check_database()
    checks["database"] = {"ok": ok, "detail": detail}
    if checks["database"]["ok"]:
        if time.monotonic() - _migrated_at < MIGRATED_TTL:
            checks["migrations"] = {"ok": True, "detail": "applied"}
        else:
            try:
                pending = pending_migrations()
            except Exception as error:  # noqa: BLE001
                checks["migrations"] = {"ok": False, "detail": type(error).__name__}
            else:
                if pending:
                    checks["migrations"] = {
                        "ok": False,
                        "detail": f"{len(pending)} not applied: {pending[:5]}",
                    }
                else:
                    _migrated_at = time.monotonic()
                    checks["migrations"] = {"ok": True, "detail": "applied"}
    ready = all(check["ok"] for check in checks.values())
    # Replicas do not decide readiness: reads fall back to the primary. They are shown for the operator.
    body = {"status": "ready" if ready else "not ready", "checks": checks, "replicas": replica_status()}
    return JsonResponse(body, status=200 if ready else 503)
