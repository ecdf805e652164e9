"""/numbers/: charts of sourced figures over time, and each series as CSV."""

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..library import get_numbers
from .caching import public_page

CSV_FIELDS = ["series", "date", "measure", "value", "qualifier", "unit", "kind", "sources"]


@require_safe
@public_page
def numbers(request):
    context = {
        "series": get_numbers(),
        "title": "By the numbers",
        "description": "Court defaulter listings, blocked ticket purchases, central bank credit files and "
        "demonstration cities over time, each figure with its source, as charts, tables and CSV files.",
    }
    return render(request, "numbers/index.html", context)


@require_safe
@public_page
def number_csv(request, series_id):
    series = next((s for s in get_numbers() if s.id == series_id), None)
    if series is None:
        raise Http404("No series by that name.")
    response = HttpResponse(to_csv(series), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{series.id}.csv"'
    response["Access-Control-Allow-Origin"] = "*"  # public figures, no cookies: other sites' scripts may read them
    return response


def to_csv(series) -> str:
    """One row per figure; sources as keys ("key, art. 3") joined by "; ", as on /data/."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for point in series.points:
        measure = next((m.label for m in series.measures if m.id == point.measure), "")
        writer.writerow(
            [series.id, point.date, measure, point.value_label.replace(",", ""), point.qualifier, series.unit]
            + [series.kind, "; ".join(point.sources)]
        )
    return "\ufeff" + out.getvalue()  # a byte order mark, so that Excel reads UTF-8 (as /data/ does)
