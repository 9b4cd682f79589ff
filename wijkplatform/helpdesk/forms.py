import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .models import FAQ, CannedAnswer, Category, Ticket

MIN_FILL_SECONDS = 3
MAX_FORM_AGE = 60 * 60 * 24
_SALT = "helpdesk.ask.started"


def started_token():
    return signing.dumps(time.time(), salt=_SALT)


class AskForm(forms.Form):
    """Asking for help. Spam guards without a third-party captcha: a honeypot field that people do not see,
    and a signed start time: a form sent back within seconds of being shown is a robot."""

    category = forms.ChoiceField(label=_("What is it about?"), choices=Category.choices, widget=forms.RadioSelect)
    question = forms.CharField(
        label=_("Your question"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Tell us what you tried and what you see. Never write your password here."),
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=80, required=False)
    email = forms.EmailField(
        label=_("Your email address"),
        required=False,
        help_text=_("We send the answer here. Needed when you are not logged in."),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, logged_in=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = started_token()
        if logged_in:
            del self.fields["email"]
            del self.fields["name"]

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _("This looks like an automatic message, so we did not send it."), code="honeypot"
            )
        return ""

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=_SALT, max_age=MAX_FORM_AGE)
        except signing.SignatureExpired:
            raise forms.ValidationError(
                _("This form was open too long. Please send it again."), code="expired"
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                _("This form was changed. Please reload the page and try again."), code="tampered"
            ) from None
        if time.time() - float(started) < MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("That was very fast. Please read your question once more and send it again."),
                code="too_fast",
            )
        return started


class AskerReplyForm(forms.Form):
    body = forms.CharField(label=_("Your answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How well were you helped?"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(5, _("5 – very well")), (4, "4"), (3, "3"), (2, "2"), (1, _("1 – not at all"))],
    )
    comment = forms.CharField(label=_("Anything you want to tell us? (optional)"), max_length=500, required=False)


class ReplyForm(forms.Form):
    canned = forms.ModelChoiceField(
        label=_("Start from a canned answer"), queryset=None, required=False, empty_label=_("(none)")
    )
    body = forms.CharField(
        label=_("Answer to the asker"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("With a canned answer chosen, this text comes before it."),
    )

    def __init__(self, *args, wijk, **kwargs):
        super().__init__(*args, **kwargs)
        self.wijk = wijk
        self.fields["canned"].queryset = CannedAnswer.objects.in_wijk(wijk).order_by("title")

    def clean(self):
        data = super().clean()
        canned = data.get("canned")
        body = (data.get("body") or "").strip()
        if canned:
            body = "\n\n".join(part for part in (body, canned.body) if part)
        if not body:
            raise forms.ValidationError(_("Write an answer or choose a canned answer."), code="empty")
        data["text"] = body
        faq_id = canned.faq_id if canned else None
        data["faq"] = FAQ.objects.in_wijk(self.wijk).filter(pk=faq_id).first() if faq_id else None
        return data


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Internal note (only helpers see it)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Ticket.Status.choices)


class EscalateForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should platform staff look at this?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FAQForm(forms.ModelForm):
    class Meta:
        model = FAQ
        fields = ["category", "question", "answer", "keywords"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 5})}

    def _post_clean(self):
        pass


class CannedForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    body = forms.CharField(label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    faq = forms.ModelChoiceField(label=_("FAQ entry"), queryset=None, required=False, empty_label=_("(none)"))

    def __init__(self, *args, wijk, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["faq"].queryset = FAQ.objects.in_wijk(wijk).order_by("question")
