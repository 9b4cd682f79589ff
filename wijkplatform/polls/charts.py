"""Server-rendered SVG charts (pygal) for results; a data table always sits beside them in the page."""

import re

import pygal
from django.utils.html import escape
from django.utils.safestring import mark_safe
from pygal.style import Style

SCRIPT_RE = re.compile(r"<script\b.*?</script>", re.DOTALL | re.IGNORECASE)
STYLE_ATTR_RE = re.compile(r' style="[^"]*"')


def bar_chart(rows, *, title, nonce, colour="#c8102e"):
    """A horizontal bar chart of (label, count) rows as inline SVG, safe for a strict CSP page.

    pygal writes a <script> with its config (not needed: no tooltips without JavaScript) and a <style>:
    the script is removed and the style gets the page's nonce.
    """
    style = Style(
        colors=(colour,),
        background="transparent",
        plot_background="transparent",
        font_family="system-ui, sans-serif",
        label_font_size=14,
        value_font_size=14,
    )
    chart = pygal.HorizontalBar(
        show_legend=False,
        js=[],
        disable_xml_declaration=True,
        style=style,
        print_values=True,
        width=600,
        height=max(120, 48 * len(rows) + 60),
        margin=10,
        title=None,
    )
    chart.x_labels = [label for label, _count in rows]
    chart.add(str(title), [count for _label, count in rows])
    svg = SCRIPT_RE.sub("", chart.render(is_unicode=True))
    # Inline style attributes are refused by the strict CSP: the one pygal writes hides its (unused) tooltip.
    svg = STYLE_ATTR_RE.sub("", svg).replace("</style>", ".tooltip{display:none}</style>", 1)
    svg = svg.replace("<style", f'<style nonce="{escape(nonce or "")}"', 1)
    svg = svg.replace("<svg ", '<svg role="img" aria-hidden="true" focusable="false" ', 1)
    return mark_safe(svg)  # noqa: S308 - pygal escapes labels; scripts are stripped above
