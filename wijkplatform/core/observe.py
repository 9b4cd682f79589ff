"""Structured logs with a request id.

- `RequestIdMiddleware` takes the proxy's `X-Request-ID` (when it is a sane token) or makes one, keeps it
  for the logs of this request, echoes it in the response header, records the request in the metrics
  (core/metrics.py) and writes one access line to the `wijkplatform.request` logger.
- `JsonFormatter` writes one JSON object per line: time, level, logger, message, request_id, the
  `extra={...}` fields and the traceback. `RequestIdFilter` puts the request id on every record, so the
  plain text format can show it too. settings.LOGGING picks the format from `LOG_FORMAT` (json/text).
"""

import contextvars
import json
import logging
import re
import time
import traceback
import uuid
from datetime import UTC, datetime

_request_id = contextvars.ContextVar("wijk_request_id", default="")
REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

access_logger = logging.getLogger("wijkplatform.request")

# The attributes every LogRecord has; anything else on a record came from `extra=` and is logged as a field.
_STANDARD_ATTRS = set(vars(logging.LogRecord("x", logging.INFO, "x", 0, "x", None, None))) | {
    "message",
    "asctime",
    "request_id",
    "taskName",
}


def current_request_id():
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not getattr(record, "request_id", None):
            record.request_id = _request_id.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or _request_id.get()
        if request_id and request_id != "-":
            entry["request_id"] = request_id
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = (
                    value if isinstance(value, str | int | float | bool | type(None)) else repr(value)
                )
        if record.exc_info:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        elif record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


def view_name(request):
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unresolved"
    return match.view_name or getattr(match.func, "__name__", "unknown")


class RequestIdMiddleware:
    """First in MIDDLEWARE: everything logged while answering the request carries its id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            elapsed = time.perf_counter() - started
            view = view_name(request)
            from . import metrics

            metrics.observe_request(
                view=view, method=request.method, status=response.status_code, seconds=elapsed
            )
            access_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "view": view,
                    "duration_ms": round(elapsed * 1000, 1),
                },
            )
            return response
        finally:
            _request_id.reset(token)
