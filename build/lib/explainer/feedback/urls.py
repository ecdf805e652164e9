from django.urls import path

from . import views

urlpatterns = [
    path("<slug:kind>/<slug:slug>/", views.feedback, name="feedback"),
    path("<slug:kind>/<slug:slug>/rate/", views.rate, name="feedback-rate"),
    path("<slug:kind>/<slug:slug>/report/", views.report, name="feedback-report"),
]
