from django import forms
from django.contrib import admin
from django.db.models import Avg, Count
from django.utils.html import format_html

from explainer.library import get_library

from .models import ErrorReport, Rating


@admin.register(ErrorReport)
class ErrorReportAdmin(admin.ModelAdmin):
    list_display = ["created", "page_link", "short_problem", "status", "has_email"]
    list_filter = ["status", "page_kind", "created"]
    search_fields = ["problem", "source", "page_slug", "email"]
    readonly_fields = ["page_kind", "page_slug", "problem", "source", "email", "created"]
    fields = [*readonly_fields, "status", "correction", "editor_note"]
    actions = ["accept", "reject"]
    date_hierarchy = "created"

    @admin.display(description="Page")
    def page_link(self, report):
        return format_html('<a href="{}">{}/{}</a>', report.page_url, report.page_kind, report.page_slug)

    @admin.display(description="What is wrong")
    def short_problem(self, report):
        return report.problem if len(report.problem) <= 80 else report.problem[:79] + "…"

    @admin.display(description="Email", boolean=True)
    def has_email(self, report):
        return bool(report.email)

    @admin.action(description="Mark selected reports as accepted")
    def accept(self, request, queryset):
        self.message_user(request, f"{queryset.update(status=ErrorReport.Status.ACCEPTED)} marked accepted.")

    @admin.action(description="Mark selected reports as rejected")
    def reject(self, request, queryset):
        self.message_user(request, f"{queryset.update(status=ErrorReport.Status.REJECTED)} marked rejected.")

    def has_add_permission(self, request):
        return False  # reports come from readers

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "correction":  # a menu of the log's entries, so no slug is mistyped
            choices = [("", "—")] + [(c.slug, f"{c.date}: {c.summary}") for c in get_library().corrections]
            return forms.ChoiceField(choices=choices, required=False, label=db_field.verbose_name.capitalize())
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    """Votes are read-only: editors see them, summed per page, but do not change them."""

    list_display = ["page_kind", "page_slug", "stars", "updated"]
    list_filter = ["page_kind", "stars"]
    search_fields = ["page_slug"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        summary = Rating.objects.values("page_kind", "page_slug").annotate(average=Avg("stars"), votes=Count("id"))
        extra_context = {**(extra_context or {}), "summary": summary.order_by("average")[:20]}
        return super().changelist_view(request, extra_context)
