from django import forms
from django.utils.translation import gettext_lazy as _

from .models import HoursLog


class HoursForm(forms.Form):
    kind = forms.ChoiceField(label=_("For"), choices=HoursLog.Kind.choices)
    initiative = forms.ChoiceField(label=_("Initiative (optional)"), required=False)
    what_for = forms.CharField(label=_("What did you do"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=0.5,
        max_value=24,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )
    link = forms.URLField(
        label=_("Link (optional)"),
        required=False,
        assume_scheme="https",
        help_text=_("For example the page of the Point."),
    )

    def __init__(self, *args, initiatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        if initiatives:
            self.fields["initiative"].choices = [("", "—"), *initiatives]
        else:
            del self.fields["initiative"]

    def clean(self):
        data = super().clean()
        if data.get("initiative"):
            data["link"] = data["initiative"]
        data.pop("initiative", None)
        return data


class ConsentForm(forms.Form):
    show_publicly = forms.BooleanField(
        label=_("Show me on the volunteers page of the wijk, with my hours and badges"), required=False
    )


class NominationForm(forms.Form):
    nominee = forms.ChoiceField(label=_("Neighbour"))
    reason = forms.CharField(label=_("Why this neighbour"), widget=forms.Textarea, max_length=1000)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_id = {str(m.user_id): m.user for m in members}
        self.fields["nominee"].choices = [("", "—"), *[(str(m.user_id), m.user.name) for m in members]]

    def clean_nominee(self):
        return self.by_id[self.cleaned_data["nominee"]]
