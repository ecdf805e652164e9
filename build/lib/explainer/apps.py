from django.apps import AppConfig


class ExplainerConfig(AppConfig):
    name = "explainer"
    verbose_name = "Social credit explainer"

    def ready(self):
        from . import checks  # noqa: F401 (registers the content check)
        from .library import get_library, get_rulebook, get_search_index

        get_library()  # load and render content/ once, at start-up, not on the first request
        get_rulebook()
        get_search_index()
