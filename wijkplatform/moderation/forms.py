from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Decision, Guideline


class ReportForm(forms.Form):
    guideline = forms.TypedChoiceField(label=_("Which guideline does it break?"), coerce=int, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Anything the editors should know? (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, guidelines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guideline"].choices = [(g.pk, g.title) for g in guidelines]


class DecisionForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    guideline = forms.TypedChoiceField(label=_("Guideline"), coerce=int, required=False, empty_value=None)
    reason = forms.CharField(
        label=_("Reason (the member reads this)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    suspend_days = forms.IntegerField(label=_("Suspend for how many days?"), min_value=1, max_value=365, required=False)

    def __init__(self, *args, actions, guidelines, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Decision.Action.choices)
        self.fields["action"].choices = [(a, labels[a]) for a in actions]
        self.fields["guideline"].choices = [("", "—")] + [(g.pk, g.title) for g in guidelines]


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why should the editors look again?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class GuidelineForm(forms.ModelForm):
    class Meta:
        model = Guideline
        fields = ["title", "text", "position", "is_active"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
