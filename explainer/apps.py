from django.apps import AppConfig


class ExplainerConfig(AppConfig):
    name = "explainer"
    verbose_name = "Social credit explainer"

    def ready(self):
        from . import checks  # noqa: F401 (registers the content check)
