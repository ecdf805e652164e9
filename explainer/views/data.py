"""/data/: the site's content as JSON and CSV under CC BY 4.0, with a description of every field.

Also /timeline.json and /timeline.csv, the timeline files first published there, in their first layout.
"""

import json

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .. import datasets
from ..library import get_library, get_numbers, get_rulebook
from .caching import public_page


def dataset_inputs(request) -> datasets.Inputs:
    return datasets.Inputs(
        get_library(), get_rulebook(), request.build_absolute_uri, settings.SITE_NAME, numbers=get_numbers()
    )


@require_safe
@public_page
def data_index(request):
    inputs = dataset_inputs(request)
    groups: dict[str, list] = {}
    for dataset in datasets.DATASETS.values():
        groups.setdefault(dataset.group, []).append((dataset, len(dataset.records(inputs))))
    context = {
        "groups": groups.items(),
        "title": "Data downloads",
        "description": "The timeline, fact checks, rules model, glossary and bibliography as JSON and CSV files, "
        "free to reuse under CC BY 4.0, with every field described.",
        "licence": datasets.LICENCE,
        "licence_name": datasets.LICENCE_NAME,
        "licence_url": datasets.LICENCE_URL,
        "attribution": datasets.attribution(settings.SITE_NAME, request.build_absolute_uri("/")),
        "content_date": datasets.content_date(inputs.library),
        "list_separator": datasets.LIST_SEPARATOR,
    }
    return render(request, "data/index.html", context)


@require_safe
@public_page
def data_file(request, dataset, fmt):
    found = datasets.DATASETS.get(dataset)
    if found is None or fmt not in datasets.FORMATS:
        raise Http404("No dataset by that name and format.")
    inputs = dataset_inputs(request)
    if fmt == "json":
        body = json.dumps(datasets.to_json_document(found, inputs), ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        # JSON opens in the browser tab (readable, and browsers pretty-print it); CSV is for a spreadsheet.
        response["Content-Disposition"] = f'inline; filename="{found.slug}.json"'
    else:
        response = HttpResponse(datasets.to_csv(found, inputs), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{found.slug}.csv"'
    # The files are public and carry no cookies, so scripts on other sites may read them too.
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = f'<{datasets.LICENCE_URL}>; rel="license"'
    return response


@require_safe
@public_page
def timeline_json(request):
    document = datasets.legacy_timeline_json(dataset_inputs(request))
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})


@require_safe
@public_page
def timeline_csv(request):
    response = HttpResponse(
        datasets.legacy_timeline_csv(dataset_inputs(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="timeline.csv"'
    return response
