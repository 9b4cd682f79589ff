"""A logging handler that keeps ERROR records of the last days in a small table, for the wijk health page.

Settings: add to LOGGING["handlers"]
`"errors_to_db": {"class": "wijkplatform.helpdesk.errorlog.DatabaseErrorHandler", "level": "ERROR"}`
and "errors_to_db" to the root logger's handlers.
"""

import logging
import threading

_busy = threading.local()


class DatabaseErrorHandler(logging.Handler):
    def emit(self, record):
        if getattr(_busy, "on", False):  # an error while saving an error: do not loop
            return
        _busy.on = True
        try:
            from .models import ErrorRecord

            request = getattr(record, "request", None)
            wijk = getattr(request, "wijk", None) if request is not None else None
            ErrorRecord.objects.create(
                wijk_id=getattr(wijk, "pk", None),
                logger=record.name[:200],
                level=record.levelname[:20],
                message=self.format(record)[:4000],
                path=(getattr(request, "path", "") or "")[:500],
            )
        except Exception:  # noqa: BLE001, S110 - logging must never break the request (database down, no tables yet)
            pass
        finally:
            _busy.on = False
