from django.db import models

from explainer.content.records import PAGE_KINDS as _KINDS

PAGE_KINDS = list(_KINDS.items())


class Rating(models.Model):
    """One reader's 1-5 stars for one page; voting again replaces the earlier vote."""

    page_kind = models.CharField(max_length=10, choices=PAGE_KINDS)
    page_slug = models.SlugField(max_length=100)
    reader = models.CharField(max_length=32, help_text="Random id from the reader's signed cookie; not personal data.")
    stars = models.PositiveSmallIntegerField()
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page_kind", "page_slug", "reader"], name="one_rating_per_reader"),
            models.CheckConstraint(condition=models.Q(stars__gte=1, stars__lte=5), name="stars_1_to_5"),
        ]

    def __str__(self):
        return f"{self.stars}★ for {self.page_kind}/{self.page_slug}"


class ErrorReport(models.Model):
    """A reader's report that something on a page is wrong, triaged by the editors in the admin."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    page_kind = models.CharField(max_length=10, choices=PAGE_KINDS)
    page_slug = models.SlugField(max_length=100)
    problem = models.TextField("what is wrong")
    source = models.CharField("source that shows it", max_length=500, blank=True)
    email = models.EmailField(blank=True, help_text="Given by the reader to hear back; never shown on the site.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    editor_note = models.TextField(blank=True)
    correction = models.CharField(
        "correction that answered it",
        max_length=100,
        blank=True,
        help_text="The correction in the log (content/corrections/) that this report led to. "
        "/corrections/ then says the correction followed a reader's report; the reader is never named.",
    )
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.page_kind}/{self.page_slug}: {self.problem[:60]}"

    @property
    def page_url(self):
        return f"/{self.page_kind}/{self.page_slug}/"


class RateCounter(models.Model):
    """How many times one client did one action in one fixed window. Counted in the database, which
    every worker and server already shares, so a limit holds whatever the number of workers (a
    per-process cache would multiply it by them). Rows are deleted once their window is over."""

    action = models.CharField(max_length=20)
    client = models.CharField(max_length=64)
    window_start = models.BigIntegerField()
    expires = models.BigIntegerField(db_index=True, help_text="Unix time at which the window ends.")
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "client", "window_start"], name="one_counter_per_window"),
        ]

    def __str__(self):
        return f"{self.action} by {self.client}: {self.count}"


class UsedFormToken(models.Model):
    """The random part of a report form's signed stamp, kept once the form has been sent, so that the
    same form cannot be sent twice; deleted once the stamp is too old to be accepted anyway."""

    nonce = models.CharField(max_length=32, unique=True)
    expires = models.BigIntegerField(db_index=True, help_text="Unix time after which the stamp is refused anyway.")

    def __str__(self):
        return self.nonce
