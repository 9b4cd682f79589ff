"""Server-rendered SVG charts (pygal): no JavaScript, and every chart has a data table beside it."""

import re

import pygal
from django.utils.formats import date_format
from pygal.style import Style

SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def line_chart(*, title, months, values, colour):
    style = Style(
        background="transparent", plot_background="transparent", foreground="#1d1d1f",
        foreground_strong="#1d1d1f", foreground_subtle="#8a877f", colors=(colour,),
        font_family="system-ui, sans-serif", label_font_size=14, major_label_font_size=14,
        title_font_size=18, value_font_size=14,
    )
    chart = pygal.Bar(
        style=style, show_legend=False, width=720, height=300, js=[], disable_xml_declaration=True,
        x_label_rotation=0, show_minor_x_labels=False, title=title, include_x_axis=True,
        explicit_size=False,
    )
    chart.x_labels = [date_format(month, "M") for month in months]
    chart.x_labels_major = chart.x_labels[::3]
    chart.add(title, values)
    # pygal always writes a config <script> for its tooltips; the chart is static, so it goes.
    return SCRIPT.sub("", chart.render(is_unicode=True))
