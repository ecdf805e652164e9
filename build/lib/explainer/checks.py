"""Content problems become Django system check errors, so check, runserver and tests all stop."""

from dataclasses import replace

from django.conf import settings
from django.core import checks

from .library import get_library, rule_problems


@checks.register("content")
def check_content(app_configs=None, **kwargs):
    problems = get_library().problems + rule_problems()
    return [checks.Error(str(_relative(problem)), id=f"content.{problem.code}") for problem in problems]


def _relative(problem):
    """Name files as an editor sees them: content/guide/faq.md, not an absolute path."""
    try:
        return replace(problem, path=problem.path.relative_to(settings.BASE_DIR))
    except ValueError:
        return problem
