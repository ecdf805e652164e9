"""Content problems become Django system check errors, so check, runserver and tests all stop."""

from dataclasses import replace

from django.conf import settings
from django.core import checks

from .content.evidence import uncited
from .content.numbers import chart_ids
from .content.records import ContentError
from .library import get_library, get_numbers, get_places, get_rulebook, number_problems, rule_problems


@checks.register("content")
def check_content(app_configs=None, **kwargs):
    library = get_library()
    places = get_places()
    problems = (
        library.problems + rule_problems() + places.problems + number_problems() + tuple(_unknown_charts(library))
    )
    errors = [checks.Error(str(_relative(problem)), id=f"content.{problem.code}") for problem in problems]
    book = get_rulebook()
    charted = {key for series in get_numbers() for key in series.source_keys}
    elsewhere = (book.source_keys() if book else set()) | places.source_keys() | charted
    unused = uncited(library, settings.CONTENT_DIR, elsewhere)
    return errors + [checks.Warning(str(_relative(problem)), id=f"content.{problem.code}") for problem in unused]


def _unknown_charts(library):
    """A `{{chart:id}}` line in a chapter must name a series of content/numbers.toml."""
    known = {series.id for series in get_numbers()}
    for chapter in library.chapters:
        for chart_id, line in chart_ids(chapter.path.read_text(encoding="utf-8")):
            if chart_id not in known:
                yield ContentError(
                    "E041", chapter.path, "chart", f"no series '{chart_id}' in content/numbers.toml", line
                )


def _relative(problem):
    """Name files as an editor sees them: content/guide/faq.md, not an absolute path."""
    try:
        return replace(problem, path=problem.path.relative_to(settings.BASE_DIR))
    except ValueError:
        return problem
