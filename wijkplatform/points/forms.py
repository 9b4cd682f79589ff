from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Consent, OpeningException, OpeningHours, Point

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PointForm(forms.ModelForm):
    class Meta:
        model = Point
        fields = [
            "name",
            "slug",
            "kind",
            "address",
            "latitude",
            "longitude",
            "photo",
            "photo_alt",
            "description",
            "activities",
            "accessibility",
            "is_active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "activities": forms.Textarea(attrs={"rows": 4}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Leave empty to make it from the name.")
        if self.instance.pk:
            self.fields["slug"].disabled = True
        self.fields["latitude"].widget.attrs["id"] = "point-lat"
        self.fields["longitude"].widget.attrs["id"] = "point-lon"

    def _post_clean(self):
        # The service validates and saves; the model's own full_clean would need the wijk, which is set there.
        pass


class HoursForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Day"), choices=OpeningHours.Weekday.choices, coerce=int)
    opens = forms.TimeField(label=_("Opens"), widget=TIME)
    closes = forms.TimeField(label=_("Closes"), widget=TIME, help_text=_("Use 00:00 for midnight."))


class ExceptionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("What happens"), choices=OpeningException.Kind.choices)
    opens = forms.TimeField(label=_("Opens (different hours only)"), widget=TIME, required=False)
    closes = forms.TimeField(label=_("Closes (different hours only)"), widget=TIME, required=False)
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("For example: King's Day, or closed for painting."),
    )


class HostForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Point host"), queryset=None, empty_label=None)

    def __init__(self, *args, hosts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = hosts


class ResidentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ConsentForm(forms.Form):
    resident = ResidentChoice(label=_("Resident"), queryset=None)
    scope = forms.ChoiceField(label=_("They agree that hosts of this Point may place"), choices=Consent.Scope.choices)
    note = forms.CharField(
        label=_("How they gave consent"),
        max_length=300,
        required=False,
        help_text=_("For example: signed the paper form, said so in person on 3 May."),
    )
    confirm = forms.BooleanField(
        label=_("The resident agreed, and knows they can withdraw this consent at any time."), required=True
    )

    def __init__(self, *args, residents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = residents


class AssistedPostForm(forms.Form):
    resident = ResidentChoice(label=_("On behalf of"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind of post"), choices=())
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)

    def __init__(self, *args, residents, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = residents
        self.fields["kind"].choices = kinds


class AssistedCommentForm(forms.Form):
    resident = ResidentChoice(label=_("On behalf of"), queryset=None)
    post = forms.IntegerField(
        label=_("Number of the post to reply to"),
        min_value=1,
        help_text=_("The number at the end of the post's address."),
    )
    text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)

    def __init__(self, *args, residents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = residents


class AssistedRsvpForm(forms.Form):
    resident = ResidentChoice(label=_("On behalf of"), queryset=None)
    event = forms.TypedChoiceField(label=_("Event"), choices=(), coerce=int)
    status = forms.ChoiceField(
        label=_("Answer"),
        choices=(("going", _("Going")), ("maybe", _("Maybe")), ("not_going", _("Not going"))),
    )

    def __init__(self, *args, residents, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = residents
        self.fields["event"].choices = events
