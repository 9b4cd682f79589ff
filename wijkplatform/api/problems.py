"""Errors as application/problem+json (RFC 9457): a status, a title and a clear detail, never a stack trace."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as SchemaValidationError

TITLES = {400: "Bad request", 401: "Not authenticated", 403: "Not allowed", 404: "Not found",
          405: "Method not allowed", 409: "Conflict", 413: "Body too large", 422: "Invalid input",
          429: "Too many requests"}


def problem(status, detail, **extra):
    body = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status, "detail": detail, **extra}
    return JsonResponse(body, status=status, content_type="application/problem+json")


def install(api):
    @api.exception_handler(SchemaValidationError)
    def invalid(request, error):
        errors = [{"loc": [str(part) for part in item.get("loc", ())], "msg": str(item.get("msg", ""))}
                  for item in error.errors]
        return problem(422, "The request does not match what this endpoint takes.", errors=errors)

    @api.exception_handler(DjangoValidationError)
    def refused(request, error):
        return problem(400, " ".join(error.messages))

    @api.exception_handler(Throttled)
    def throttled(request, error):
        response = problem(429, "Too many requests: wait a moment and try again.")
        response["Retry-After"] = str(max(1, int(error.wait or 1)))
        return response

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, error):
        status = error.status_code if error.status_code in (401, 403) else 401
        response = problem(status, error.message if error.message != "Unauthorized" else
                           "Send a personal access token: Authorization: Bearer <token>.")
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request, error):
        return problem(error.status_code, str(error.message))

    @api.exception_handler(Http404)
    def not_found(request, error):
        return problem(404, "There is nothing at this address, or you may not see it.")

    @api.exception_handler(PermissionDenied)
    def denied(request, error):
        return problem(403, str(error) or "You may not do this.")

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, error):
        return problem(413, "The request body is too large.")
