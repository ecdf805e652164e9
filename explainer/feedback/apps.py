from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "explainer.feedback"
    label = "feedback"
    verbose_name = "Readers' feedback"

    def ready(self):
        from . import checks  # noqa: F401 (registers the system checks)
