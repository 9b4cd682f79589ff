"""Result charts of polls: the shared server-side SVG bar chart (`core/_bar_chart.html`, also used by the
budget's results); a data table always sits beside it in the page."""

import uuid

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe


def bar_chart(rows, *, title, nonce):
    """A horizontal bar chart of (label, count) rows as inline SVG, safe for a strict CSP page; the bars take the
    wijk's colour from the page (--wijk-colour)."""
    rows = list(rows)
    chart = {
        "id": f"chart-{uuid.uuid4().hex[:10]}",
        "title": str(title),
        # The figures themselves, in the words of the answers: read out by screen readers as the chart's description.
        "description": "; ".join(f"{label}: {count}" for label, count in rows),
        "rows": [{"label": str(label), "value": count, "shown": str(count)} for label, count in rows],
        "max": max((count for _label, count in rows), default=0),
        "nonce": nonce or "",
    }
    return mark_safe(render_to_string("core/_bar_chart.html", {"chart": chart}))  # noqa: S308 - a template, autoescaped
