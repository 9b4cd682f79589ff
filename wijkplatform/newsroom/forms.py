from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import NewsroomSettings, Story


class StoryForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Story
        fields = [
            "title",
            "lead",
            "body",
            "cover",
            "cover_caption",
            "cover_credit",
            "tags",
            "language",
            "planned_for",
        ]
        widgets = {
            "lead": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 18}),
            "planned_for": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "cover": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        }

    def text_fields(self):
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("cover", None)
        return data


class NewsroomSettingsForm(forms.ModelForm):
    class Meta:
        model = NewsroomSettings
        fields = ["first_stories_count", "experienced_after", "autosave_seconds"]

    def clean_autosave_seconds(self):
        value = self.cleaned_data["autosave_seconds"]
        if not 10 <= value <= 600:
            raise forms.ValidationError(_("Choose between 10 and 600 seconds."))
        return value


class NewStoryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    lead = forms.CharField(label=_("Lead"), max_length=600, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class PitchForm(forms.Form):
    title = forms.CharField(label=_("Your idea in a few words"), max_length=160)
    summary = forms.CharField(
        label=_("What is the story? Who should we talk to?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class AssignForm(forms.Form):
    reporter = forms.TypedChoiceField(label=_("Reporter"), coerce=int)
    planned_for = forms.DateField(
        label=_("Planned for"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, reporters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporter"].choices = [(r.pk, r.name) for r in reporters]


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class EditionForm(forms.Form):
    title = forms.CharField(label=_("Title of the edition"), max_length=160)
    intro = forms.CharField(
        label=_("Word from the editors"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    stories = forms.TypedMultipleChoiceField(label=_("Stories"), coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, stories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stories"].choices = [(s.pk, s.title) for s in stories]
