"""A logging handler that keeps ERROR records of the last days in a small table, for the wijk health page.

Settings: add to LOGGING["handlers"]
`"errors_to_db": {"class": "wijkplatform.helpdesk.errorlog.DatabaseErrorHandler", "level": "ERROR"}`
and "errors_to_db" to the root logger's handlers.
"""

import datetime
import logging
import threading

KEEP_DAYS = 7

_busy = threading.local()


class DatabaseErrorHandler(logging.Handler):
    def emit(self, record):
        if getattr(_busy, "on", False):  # an error while saving an error: do not loop
            return
        _busy.on = True
        try:
            from django.utils import timezone

            from .models import ErrorRecord

            request = getattr(record, "request", None)
            wijk = getattr(request, "wijk", None) if request is not None else None
            ErrorRecord.objects.create(
                wijk_id=getattr(wijk, "pk", None),
                logger=record.name[:200],
                level=record.levelname[:20],
                # Only the message, no traceback: volunteers read this page, and tracebacks can hold personal data.
                message=record.getMessage()[:1000],
                path=(getattr(request, "path", "") or "")[:500],
            )
            # Errors are rare: keeping the table small on each one costs little.
            ErrorRecord.objects.filter(created_at__lt=timezone.now() - datetime.timedelta(days=KEEP_DAYS)).delete()
        except Exception:  # noqa: BLE001, S110 - logging must never break a request (database down, no table yet)
            pass
        finally:
            _busy.on = False
