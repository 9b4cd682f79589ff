import csv

from csp.decorators import csp_update
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkplatform.core.exceptions import CapabilityDenied
from wijkplatform.core.services import require

from .charts import line_chart
from .metrics import monthly_figures

CACHE_SECONDS = 3600  # figures of the past months change slowly: a page view reads them from the cache


def figures(request):
    data = _cached_figures(request.wijk)
    rows = [
        {"code": code, "label": label, "values": list(zip(data["months"], values, strict=True))}
        for code, label, values in data["series"]
    ]
    return render(request, "insights/figures.html", {"figures": rows, "months": data["months"]})


@csp_update({"style-src": ["'unsafe-inline'"]})  # pygal styles its SVG inline; an <img> SVG runs no script
def chart(request, code):
    data = _cached_figures(request.wijk)
    for metric_code, label, values in data["series"]:
        if metric_code == code:
            svg = line_chart(title=str(label), months=data["months"], values=values, colour=request.wijk.colour)
            response = HttpResponse(svg, content_type="image/svg+xml")
            response["Cache-Control"] = "max-age=3600"
            return response
    raise Http404(_("There is no such figure."))


def figures_csv(request):
    require(request.user, "figures.export", request.wijk)
    data = _cached_figures(request.wijk)
    return _csv_response(data, f"{request.wijk.slug}-figures.csv")


def platform_figures(request):
    if not (request.user.is_authenticated and request.user.is_staff and request.user.has_mfa):
        raise CapabilityDenied(_("The figures of the whole platform are for platform staff."))
    data = monthly_figures(wijk=None)
    if request.GET.get("format") == "csv":
        return _csv_response(data, "platform-figures.csv")
    rows = [
        {"code": code, "label": label, "values": list(zip(data["months"], values, strict=True))}
        for code, label, values in data["series"]
    ]
    return render(request, "insights/figures.html", {"figures": rows, "months": data["months"], "platform": True})


def _cached_figures(wijk):
    key = f"figures:{wijk.pk}:{timezone.localdate(timezone=wijk.tz).isoformat()}"
    data = cache.get(key)
    if data is None:
        data = monthly_figures(wijk=wijk)
        cache.set(key, data, CACHE_SECONDS)
    return data


def _csv_response(data, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(["month", *[code for code, _label, _values in data["series"]]])
    for index, month in enumerate(data["months"]):
        writer.writerow([month.strftime("%Y-%m"), *[values[index] for _code, _label, values in data["series"]]])
    return response
