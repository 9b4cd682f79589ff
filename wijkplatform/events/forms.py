from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.images import clean_image

from .models import Event

LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock date and time in the wijk's time zone, kept naive: the service applies the zone and
    refuses a time that does not exist (the hour skipped when summer time starts)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        value = str(value).strip()
        for fmt in LOCAL_FORMATS:
            try:
                return datetime.strptime(value, fmt)
            except ValueError:
                continue
        raise forms.ValidationError(_("Give a date and time, for example 2026-05-14 19:30."), code="invalid")

    def prepare_value(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)
        return value


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown: *italic*, **bold**, lists."),
    )
    starts_at = LocalDateTimeField(label=_("Starts"), help_text=_("In the wijk's local time."))
    ends_at = LocalDateTimeField(label=_("Ends"))
    recurrence = forms.ChoiceField(label=_("Repeats"), choices=Event.Recurrence.choices, required=False)
    repeat_until = forms.DateField(
        label=_("Repeats until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty to keep repeating."),
    )
    place = forms.ChoiceField(label=_("Where"), widget=forms.RadioSelect)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    online_url = forms.URLField(label=_("Link to join online"), required=False, assume_scheme="https")
    organiser_partner = forms.IntegerField(label=_("Organised by"), required=False)
    cost = forms.DecimalField(
        label=_("Cost"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text=_("Leave empty when it is free."),
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=_("Leave empty when there is no limit."),
    )
    for_children = forms.BooleanField(label=_("For children"), required=False)
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)
    hearing_loop = forms.BooleanField(label=_("Hearing loop"), required=False)
    accessibility = forms.CharField(
        label=_("Accessibility notes"),
        max_length=500,
        required=False,
        help_text=_("For example: a lift at the side entrance, quiet room."),
    )
    photo = forms.FileField(
        label=_("Photo"), required=False, help_text=_("A JPEG, PNG or WebP image of at most 10 MB.")
    )
    guests_may_rsvp = forms.BooleanField(
        label=_("Visitors without an account may sign up"),
        required=False,
        initial=True,
        help_text=_("They confirm with a link sent to their email address. Otherwise only members can sign up."),
    )

    def __init__(self, *args, organisations=(), points=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [p for p in Event.Place.choices if p[0] != Event.Place.POINT or points is not None]
        self.fields["place"].choices = choices
        if not self.is_bound and not self.initial.get("place"):
            self.initial["place"] = Event.Place.ADDRESS
        self.fields["organiser_partner"].widget = forms.Select(
            choices=[("", _("Myself"))] + [(o.pk, o.name) for o in organisations]
        )
        if not organisations:
            self.fields["organiser_partner"].widget = forms.HiddenInput()
        if points is not None:
            self.fields["point"] = forms.IntegerField(
                label=_("LikeJeWijk Point"),
                required=False,
                widget=forms.Select(choices=[("", "—")] + [(p.pk, str(p)) for p in points]),
            )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            clean_image(photo)  # checked here so the message stands next to the field
            photo.seek(0)
        return photo


class OccurrenceForm(forms.Form):
    starts_at = LocalDateTimeField(label=_("Starts"))
    ends_at = LocalDateTimeField(label=_("Ends"))


class FilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("When"), required=False, choices=[("", _("Everything to come")), ("week", _("This week"))]
    )
    free = forms.BooleanField(label=_("Free"), required=False)
    children = forms.BooleanField(label=_("For children"), required=False)
    accessible = forms.BooleanField(label=_("Step-free access"), required=False)


class GuestRsvpForm(forms.Form):
    """A visitor without an account says they are coming, with an email address they confirm."""

    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We send you a link to confirm, and one to cancel. You need no account."),
    )
