"""{% chart_for series as chart %} and {{ html|with_charts }}: the charts of content/numbers.toml."""

import re

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .. import charts
from ..content.numbers import source_key, source_pinpoint
from ..content.records import date_label
from ..library import get_library, get_numbers

register = template.Library()

SLOT = re.compile(r"<!--chart:([a-z0-9-]+)-->")


@register.simple_tag
def chart_for(series):
    """Everything chart.html draws: the geometry, the text description and the sources, in citation order."""
    sources = get_library().sources
    cited = []
    for point in series.points:
        for item in point.sources:
            key = source_key(item)
            if key not in {s.key for s, _ in cited}:
                cited.append((sources[key], source_pinpoint(item)))
    numbers = {source.key: n for n, (source, _) in enumerate(cited, 1)}
    rows = [
        (date_label(when), cells, sorted({numbers[k] for point in cells if point for k in point.keys}))
        for when, cells in series.rows()
    ]
    return {
        "geometry": charts.bar_chart(series),
        "description": charts.describe(series),
        "sources": cited,
        "rows": rows,
    }


@register.filter
def with_charts(html):
    """Fill each chart slot a `{{chart:id}}` line left in a chapter with the chart itself."""
    by_id = {series.id: series for series in get_numbers()}

    def chart(match):
        series = by_id.get(match[1])
        if series is None:  # manage.py check reports it (content.E041)
            return ""
        return render_to_string("numbers/includes/chart.html", {"series": series, "heading_level": 3})

    return mark_safe(SLOT.sub(chart, html))
