from django import forms
from django.utils.translation import gettext_lazy as _

from wijkplatform.wijken.models import Wijk

from .models import LANGUAGE_CHOICES, Audience, KnowledgeEntry


class EnrolForm(forms.Form):
    code = forms.CharField(label=_("Cohort code (if your coach gave you one)"), max_length=16, required=False)


class QuizForm(forms.Form):
    attempt = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, quiz, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            choices = [(c.pk, c.text) for c in question.choices.all()]
            if question.kind == question.Kind.MULTIPLE:
                field = forms.TypedMultipleChoiceField(
                    label=question.text,
                    choices=choices,
                    coerce=int,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Tick every answer that is right."),
                    error_messages={"required": _("Please answer this question.")},
                )
            else:
                field = forms.TypedChoiceField(
                    label=question.text,
                    choices=choices,
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Please answer this question.")},
                )
            self.fields[f"q{question.pk}"] = field

    def answers(self):
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            result[question.pk] = value if isinstance(value, list) else ([value] if value is not None else [])
        return result


class KnowledgeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *KnowledgeEntry.Kind.choices]
    )
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("All themes")), *KnowledgeEntry.Theme.choices]
    )
    completeness = forms.ChoiceField(
        label=_("How complete"),
        required=False,
        choices=[("", _("Any")), *KnowledgeEntry.Completeness.choices],
    )
    target_group = forms.CharField(label=_("Target group"), max_length=100, required=False)
    wijk = forms.ChoiceField(label=_("Wijk"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("All languages")), *LANGUAGE_CHOICES]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wijken = Wijk.objects.filter(is_active=True).values_list("slug", "name")
        self.fields["wijk"].choices = [("", _("All wijken")), *wijken]


class CourseFilterForm(forms.Form):
    audience = forms.ChoiceField(label=_("For"), required=False, choices=[("", _("Everyone")), *Audience.choices])
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("All languages")), *LANGUAGE_CHOICES]
    )


class ResearcherRequestForm(forms.Form):
    institution = forms.CharField(label=_("Institution"), max_length=200)
    purpose = forms.CharField(label=_("What the data is for"), max_length=2000, widget=forms.Textarea)


class ResearchExportForm(forms.Form):
    wijk = forms.ChoiceField(label=_("Wijk"), required=False)
    months = forms.IntegerField(label=_("Months"), min_value=1, max_value=36, initial=12, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wijken = Wijk.objects.filter(is_active=True).values_list("slug", "name")
        self.fields["wijk"].choices = [("", _("All wijken")), *wijken]
