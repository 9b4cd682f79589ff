import zoneinfo

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, validate_email
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.capabilities import RESIDENT, ROLE_CHOICES
from wijkplatform.core.images import clean_image

from .models import Wijk, WijkRequest
from .places import countries


class JoinForm(forms.Form):
    invite_code = forms.CharField(label=_("Invitation code"), max_length=32, required=False)

    def __init__(self, *args, wijk, **kwargs):
        super().__init__(*args, **kwargs)
        if wijk.join_policy != wijk.JoinPolicy.INVITE:
            del self.fields["invite_code"]


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=[(code, label) for code, label in ROLE_CHOICES if code != RESIDENT],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Every member is a resident. Editors and coordinators can use their role once they "
                    "have turned on two-factor authentication."),
    )


class WijkRequestForm(forms.ModelForm):
    """Ask for a wijk. The map fills in latitude and longitude; without JavaScript they can be typed."""

    class Meta:
        model = WijkRequest
        fields = ["name", "city", "country", "latitude", "longitude", "why", "who", "requester_kind",
                  "organisation_name"]
        widgets = {
            "why": forms.Textarea(attrs={"rows": 5}),
            "who": forms.Textarea(attrs={"rows": 3}),
            "requester_kind": forms.RadioSelect,
        }
        help_texts = {
            "latitude": _("Click the neighbourhood on the map, or type its coordinates (for example 51.93200)."),
            "who": _("Residents, organisations, a community centre, ..."),
        }

    def __init__(self, *args, language="en", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"] = forms.ChoiceField(label=_("country"), choices=[("", "—"), *countries(language)])
        for name, limit in (("latitude", 90), ("longitude", 180)):
            self.fields[name].validators += [MinValueValidator(-limit), MaxValueValidator(limit)]

    def clean(self):
        data = super().clean()
        if data.get("requester_kind") == WijkRequest.RequesterKind.ORGANISATION and not data.get("organisation_name"):
            self.add_error("organisation_name", _("Which organisation do you ask for?"))
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ApproveForm(forms.Form):
    slug = forms.SlugField(label=_("Address of the new wijk"), max_length=60, required=False,
                           help_text=_("Leave empty to make one from the name."))


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Merge into"), queryset=WijkRequest.objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = candidates


class WijkSettingsForm(forms.ModelForm):
    parts_on = forms.MultipleChoiceField(
        label=_("Parts switched on"), widget=forms.CheckboxSelectMultiple, required=False,
        choices=[(code, label) for code, label, _namespaces in Wijk.PARTS],
    )

    class Meta:
        model = Wijk
        fields = ["name", "tagline", "description", "colour", "logo", "cover", "language", "languages",
                  "time_zone", "visibility", "join_policy", "invite_code"]
        widgets = {
            "colour": forms.TextInput(attrs={"type": "color"}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "visibility": forms.RadioSelect,
            "join_policy": forms.RadioSelect,
            "language": forms.Select(choices=settings.LANGUAGES),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parts_on"].initial = [code for code, _l, _n in Wijk.PARTS if code not in self.instance.parts_off]
        self.fields["time_zone"] = forms.ChoiceField(
            label=_("time zone"), choices=[(tz, tz) for tz in sorted(zoneinfo.available_timezones())]
        )

    def clean_logo(self):
        return _cleaned_image(self.cleaned_data.get("logo"), max_side=400)

    def clean_cover(self):
        return _cleaned_image(self.cleaned_data.get("cover"), max_side=1600)

    def clean(self):
        data = super().clean()
        if data.get("join_policy") == Wijk.JoinPolicy.INVITE and not data.get("invite_code"):
            self.add_error("invite_code", _("Give an invitation code for people to join with."))
        return data


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or more addresses, separated by commas or new lines (at most 50)."),
    )

    def clean_emails(self):
        raw = [part.strip() for part in self.cleaned_data["emails"].replace(",", "\n").splitlines()]
        emails = sorted({email.lower() for email in raw if email})
        if len(emails) > 50:
            raise forms.ValidationError(_("At most 50 addresses at a time."))
        for email in emails:
            validate_email(email)
        return emails


def _cleaned_image(upload, *, max_side):
    if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
        return clean_image(upload, max_side=max_side)
    return upload


class ImportForm(forms.Form):
    archive = forms.FileField(label=_("Wijk archive (.wijk.zip)"))
    slug = forms.SlugField(label=_("Address of the wijk here"), max_length=60, required=False,
                           help_text=_("Leave empty to keep the address it had."))

    def clean_archive(self):
        archive = self.cleaned_data["archive"]
        if archive.size > settings.WIJK_ARCHIVE_MAX_BYTES:
            raise forms.ValidationError(_("This archive is too large to import here."))
        return archive
