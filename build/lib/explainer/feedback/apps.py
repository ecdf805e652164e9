from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "explainer.feedback"
    label = "feedback"
    verbose_name = "Readers' feedback"
