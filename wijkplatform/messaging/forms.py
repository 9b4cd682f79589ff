from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_PEOPLE, MessagingSettings


class NewConversationForm(forms.Form):
    recipients = forms.MultipleChoiceField(
        label=_("To"),
        help_text=_("One person, or a small group of up to %(n)s people.") % {"n": MAX_PEOPLE - 1},
    )
    text = forms.CharField(label=_("Message"), widget=forms.Textarea, max_length=5000)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_id = {str(m.user_id): m.user for m in members}
        self.fields["recipients"].choices = [(str(m.user_id), m.user.name) for m in members]

    def clean_recipients(self):
        return [self.by_id[pk] for pk in self.cleaned_data["recipients"]]


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this message?"),
        max_length=500,
        help_text=_("The editors of the wijk read this message and your reason."),
    )


class SettingsForm(forms.Form):
    who_may_message = forms.ChoiceField(
        label=_("Who may send me a message"), choices=MessagingSettings.Who.choices, widget=forms.RadioSelect
    )


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("What did you do?"), max_length=500, required=False)
