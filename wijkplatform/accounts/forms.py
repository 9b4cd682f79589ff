from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.images import clean_image

from .models import AccessToken, User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "photo", "bio", "languages", "can_help_with", "preferred_language",
                  "profile_visibility", "photo_visibility"]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "can_help_with": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        languages = [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]
        self.fields["preferred_language"].widget = forms.Select(choices=[("", _("As my browser says")), *languages])

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Please give the name your neighbours will see."))
        return name

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):  # a new upload, not the stored file
            return clean_image(photo, max_side=800)
        return photo


class AccessTokenForm(forms.ModelForm):
    class Meta:
        model = AccessToken
        fields = ["name", "scope"]
        widgets = {"scope": forms.RadioSelect}


class EraseForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput,
                               help_text=_("To be sure it is you."))
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
