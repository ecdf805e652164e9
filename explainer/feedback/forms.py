import re
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction

from .models import UsedFormToken

STARS = [(n, f"{n} star{'s' if n > 1 else ''}") for n in range(1, 6)]
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
_signer = signing.Signer(salt="feedback.report-form")


def stamp(at: float | None = None) -> str:
    """The signed time at which a report form was shown, with a random nonce that makes it single-use."""
    return _signer.sign(f"{int(time.time() if at is None else at)}.{secrets.token_hex(12)}")


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(
        choices=STARS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose from 1 to 5 stars.", "invalid_choice": "Choose from 1 to 5 stars."},
    )


class ReportForm(forms.Form):
    """Spam is kept out without a third-party service: a field only robots fill in, a signed time
    stamp (a form sent within seconds of being shown, or hours later, or a second time, is refused),
    a cap on links, and the per-client rate limit in the view."""

    problem = forms.CharField(
        label="What is wrong?",
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Quote the sentence if you can, and say what the correct fact is.",
        error_messages={
            "required": "Say what is wrong on the page.",
            "min_length": "Say a little more (at least %(limit_value)d characters).",
            "max_length": "Keep it under %(limit_value)d characters (you wrote %(show_value)d).",
        },
    )
    source = forms.CharField(
        label="A source that shows it (optional)",
        max_length=500,
        required=False,
        help_text="A link or a reference to a document.",
        error_messages={"max_length": "Keep the source under %(limit_value)d characters."},
    )
    email = forms.EmailField(
        label="Your email (optional)",
        required=False,
        help_text="Only if you would like a reply. It is never shown on the site.",
        error_messages={"invalid": "That does not look like an email address. Leave it empty if you prefer."},
    )
    website = forms.CharField(required=False, label="Leave this empty")  # robots fill in every field
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = stamp()

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def clean_started(self):
        try:
            shown, self.nonce = _signer.unsign(self.cleaned_data["started"]).split(".")
            self.shown = int(shown)
        except (signing.BadSignature, ValueError):
            raise forms.ValidationError("This form could not be checked. Send it again.", code="stale") from None
        age = time.time() - self.shown
        if age > settings.REPORT_FORM_MAX_AGE:
            raise forms.ValidationError("This form was opened a long time ago. Send it again.", code="stale")
        if age < settings.REPORT_FORM_MIN_SECONDS:
            raise forms.ValidationError("That was very quick. Check what you wrote, then send it again.")
        return age

    def use_stamp(self) -> bool:
        """Mark this form's stamp as used; False if it already was (the form was sent before)."""
        now = int(time.time())
        try:
            with transaction.atomic():
                UsedFormToken.objects.create(nonce=self.nonce, expires=self.shown + settings.REPORT_FORM_MAX_AGE + 1)
        except IntegrityError:
            return False
        UsedFormToken.objects.filter(expires__lt=now).delete()  # stamps too old to be accepted anyway
        return True

    def refuse_replay(self):
        self.add_error(
            "started",
            forms.ValidationError("This form was already sent. To report something else, send it again.", code="stale"),
        )
        self.renew_stamp()

    def renew_stamp(self):
        """After a stale or forged stamp, the form shown again carries a fresh one."""
        self.data = self.data.copy()
        self.data["started"] = stamp()

    def clean(self):
        data = super().clean()
        text = data.get("problem", "") + " " + data.get("source", "")
        if len(LINK.findall(text)) > 3:
            raise forms.ValidationError("Please give at most three links.")
        return data
