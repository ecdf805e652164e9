"""/numbers/: charts of sourced figures over time, and each series as CSV."""

from dataclasses import replace

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .. import datasets
from ..library import get_numbers
from .caching import public_page
from .data import dataset_inputs


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
    """One chart's figures: the rows of the `numbers` dataset (/data/numbers.csv) for this series alone."""
    series = next((s for s in get_numbers() if s.id == series_id), None)
    if series is None:
        raise Http404("No series by that name.")
    inputs = replace(dataset_inputs(request), numbers=(series,))
    response = HttpResponse(
        datasets.to_csv(datasets.DATASETS["numbers"], inputs), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{series.id}.csv"'
    response["Access-Control-Allow-Origin"] = "*"  # public figures, no cookies: other sites' scripts may read them
    return response
