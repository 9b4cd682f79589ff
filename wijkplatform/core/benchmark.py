"""Only with BENCH=true (bench/load.py): count the queries of every request and serve the minimal view.

`/__minimal__` is a plain Django view behind the same URL resolver and the whole middleware stack
(sessions, CSRF, locale, security headers, CSP) that does no database work at all: the ceiling every page's
throughput is compared with. `/__minimal_member__` is the same view behind `login_required`: it only finds
out who the logged-in member is (their session and their row), which every page for a member must do, so
no member's page can be faster. Each response carries `X-Queries`: its number of queries.
"""

from django.contrib.auth.decorators import login_required
from django.db import connections
from django.http import HttpResponse


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


minimal_member = login_required(minimal)


class BenchMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Queries"] = str(count[0])
        return response
