from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Plan, Round


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = ["title", "description", "amount", "currency"]


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "description", "cost"]
        error_messages = {"cost": {"required": _("Give the cost of the plan.")}}


class ReviewForm(forms.Form):
    feasible = forms.TypedChoiceField(
        label=_("Is this plan feasible?"),
        widget=forms.RadioSelect,
        choices=[("yes", _("Yes, feasible")), ("no", _("No, not feasible"))],
        coerce=lambda v: v == "yes",
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        required=False,
        help_text=_("Needed when the plan is not feasible; the submitter sees it."),
    )


class BallotForm(forms.Form):
    plans = forms.ModelMultipleChoiceField(
        queryset=Plan.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Plans you pick"),
    )

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = plans
        self.fields["plans"].label_from_instance = lambda plan: f"{plan.title} ({plan.cost})"


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("What happened"), widget=forms.Textarea, max_length=3000)
    progress = forms.ChoiceField(label=_("Progress"), choices=Plan.Progress.choices)
    photo = forms.FileField(label=_("Photo (optional)"), required=False)
