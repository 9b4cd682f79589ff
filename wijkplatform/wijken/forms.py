from django import forms
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.capabilities import RESIDENT, ROLE_CHOICES


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
