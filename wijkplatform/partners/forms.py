from django import forms
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.images import clean_image

from .models import Organisation


class OrganisationForm(forms.ModelForm):
    logo = forms.FileField(
        label=_("logo"), required=False, help_text=_("A JPEG, PNG or WebP image of at most 10 MB.")
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "offer", "contact", "opening_hours", "website"]
        widgets = {
            "contact": forms.Textarea(attrs={"rows": 3}),
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo:
            clean_image(logo, max_side=600)  # validate now, so the message appears next to the field
            logo.seek(0)
        return logo


class RepresentForm(forms.Form):
    motivation = forms.CharField(
        label=_("Your role at the organisation"),
        max_length=300,
        required=False,
        help_text=_("For example: coordinator of the community centre."),
    )
