"""/map/: where the system was tried. A tile-grid map of the pilot and demonstration cities, with the
same places as tables grouped by batch (the accessible and no-JavaScript form); data in content/places.toml."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..content.places import GRID_COLUMNS, SHAPES, TILE, shape_points, tiles, view_box
from ..library import get_library, get_places
from .caching import public_page

TITLE = "Where it was tried: pilot and demonstration cities"
DESCRIPTION = (
    "A map of China's social credit demonstration cities by batch, from the first 12 named in 2017 to the "
    "fourth batch of 2023, with the local schemes this site discusses, each with its source."
)


@require_safe
@public_page
def city_map(request):
    library, places = get_library(), get_places()
    numbers: dict[str, int] = {}  # bibliography key -> its number on this page, in order of first use

    def cites(keys):
        for key in keys:
            numbers.setdefault(key, len(numbers) + 1)
        return [(numbers[key], library.sources[key]) for key in keys]

    lede_roles = [role for role in places.roles if role.kind == "batch"]
    lede_cites = cites(dict.fromkeys(key for role in lede_roles for key in role.sources))
    groups = []
    for role in places.roles:
        role_cites = cites(role.sources)
        members = [(place, held, cites(held.sources)) for place, held in places.members(role)]
        groups.append({"role": role, "cites": role_cites, "members": members})
    references = [(n, library.sources[key], (), []) for key, n in numbers.items()]
    drawn_roles = [role for role in places.roles if role.drawn and places.members(role)]
    context = {
        "title": TITLE,
        "description": DESCRIPTION,
        "groups": groups,
        "lede_cites": lede_cites,
        "tiles": tiles(places),
        "view_box": view_box(),
        "tile_size": TILE,
        "columns": GRID_COLUMNS,
        "legend": [(role, shape_points(role.shape, 14, 14, 11)) for role in drawn_roles],
        "shapes": SHAPES,
        "place_count": len(places.places),
        "mark_count": sum(len(t.marks) for t in tiles(places)),
        "references": references,
    }
    return render(request, "places/map.html", context)
