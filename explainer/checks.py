"""Content problems become Django system check errors, so check, runserver and tests all stop."""

from dataclasses import replace

from django.conf import settings
from django.core import checks

from .content.evidence import uncited
from .library import get_library, get_places, get_rulebook, rule_problems


@checks.register("content")
def check_content(app_configs=None, **kwargs):
    library = get_library()
    places = get_places()
    problems = library.problems + rule_problems() + places.problems
    errors = [checks.Error(str(_relative(problem)), id=f"content.{problem.code}") for problem in problems]
    book = get_rulebook()
    elsewhere = (book.source_keys() if book else set()) | places.source_keys()
    unused = uncited(library, settings.CONTENT_DIR, elsewhere)
    return errors + [checks.Warning(str(_relative(problem)), id=f"content.{problem.code}") for problem in unused]


def _relative(problem):
    """Name files as an editor sees them: content/guide/faq.md, not an absolute path."""
    try:
        return replace(problem, path=problem.path.relative_to(settings.BASE_DIR))
    except ValueError:
        return problem
