from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Poll, Question


class DateTimeLocal(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuickPollForm(forms.Form):
    question = forms.CharField(label=_("Your question"), max_length=200)
    description = forms.CharField(
        label=_("Introduction (optional)"), widget=forms.Textarea, required=False, max_length=3000
    )
    choices = forms.CharField(
        label=_("Choices"), widget=forms.Textarea, help_text=_("One choice per line, at least two.")
    )
    multiple = forms.BooleanField(label=_("People may pick several choices"), required=False)
    closes_at = forms.DateTimeField(label=_("Open until"), widget=DateTimeLocal())
    results = forms.ChoiceField(
        label=_("Show the results"), choices=Poll.Results.choices, initial=Poll.Results.AFTER_ANSWER
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous"),
        required=False,
        help_text=_("No link is kept between an answer and the person who gave it."),
    )
    guests_may_answer = forms.BooleanField(
        label=_("Visitors without an account may answer"),
        required=False,
        help_text=_("They confirm their answer through a link sent to their email address."),
    )

    def clean_choices(self):
        return _lines(self.cleaned_data["choices"])


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Poll
        fields = ["title", "description", "closes_at", "results", "anonymous", "guests_may_answer"]
        widgets = {"closes_at": DateTimeLocal()}


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=Question.Kind.choices)
    choices = forms.CharField(
        label=_("Choices"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("For one or several choices: one choice per line."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)

    def clean_choices(self):
        return _lines(self.cleaned_data["choices"])


class AnswerForm(forms.Form):
    """The questions of a poll as fields `q<id>`; `answers()` gives {question id: value} for the service."""

    def __init__(self, *args, poll, guest=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        for q in poll.questions.all():
            name = f"q{q.pk}"
            common = {"label": q.text, "required": q.required}
            if q.kind == Question.Kind.SINGLE:
                self.fields[name] = forms.TypedChoiceField(
                    choices=[(c.pk, c.text) for c in q.choices.all()],
                    coerce=int,
                    widget=forms.RadioSelect,
                    **common,
                )
            elif q.kind == Question.Kind.MULTIPLE:
                self.fields[name] = forms.TypedMultipleChoiceField(
                    choices=[(c.pk, c.text) for c in q.choices.all()],
                    coerce=int,
                    widget=forms.CheckboxSelectMultiple,
                    **common,
                )
            elif q.kind == Question.Kind.SCALE:
                self.fields[name] = forms.TypedChoiceField(
                    choices=[(n, str(n)) for n in Question.SCALE],
                    coerce=int,
                    widget=forms.RadioSelect,
                    help_text=_("1 is the lowest, 5 the highest."),
                    **common,
                )
            elif q.kind == Question.Kind.SHORT:
                self.fields[name] = forms.CharField(max_length=200, **common)
            else:
                self.fields[name] = forms.CharField(max_length=3000, widget=forms.Textarea, **common)
        if guest:
            self.fields["email"] = forms.EmailField(
                label=_("Your email address"),
                help_text=_("We send you a link to confirm your answer. You need no account."),
            )

    def answers(self):
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.poll.questions.all()}
