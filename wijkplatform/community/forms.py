from django import forms
from django.utils.translation import gettext_lazy as _

from wijkplatform.partners.models import Organisation

from . import kindness
from .models import MAX_COMMENT_CHARS, MAX_PHOTOS, MAX_POST_CHARS, Initiative, Post


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files in one field; each one is checked by `core.images.clean_image` in the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(
                _("You can add at most %(n)s photos to a post."),
                params={"n": MAX_PHOTOS},
                code="too_many_photos",
            )
        return [super(MultipleImageField, self).clean(f, initial) for f in files]


class KindnessMixin:
    """Asks to rephrase when the text reads as hostile, unless the author ticks "publish anyway"."""

    kindness_fields = ("text",)

    def __init__(self, *args, extra_words=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.extra_words = list(extra_words)
        self.kindness_words = []
        self.fields["publish_anyway"] = forms.BooleanField(
            label=_("I have read the reminder and want to publish it like this"), required=False
        )

    def clean(self):
        cleaned = super().clean()
        text = " ".join(str(cleaned.get(name) or "") for name in self.kindness_fields)
        self.kindness_words = kindness.matches(text, self.extra_words)
        if self.kindness_words and not cleaned.get("publish_anyway"):
            raise forms.ValidationError(
                _(
                    "A friendly reminder: some words in your text (%(words)s) may come across as "
                    "hurtful to a "
                    "neighbour. Would you like to rephrase it? You can also publish it as it is."
                ),
                params={"words": ", ".join(f"“{w}”" for w in self.kindness_words)},
                code="kindness",
            )
        return cleaned

    @property
    def kindness_reminder(self):
        return bool(self.kindness_words) and any(e.code == "kindness" for e in self.non_field_errors().as_data())


class ThankedField(forms.ModelChoiceField):
    """The member a thank-you names, chosen among the members of the wijk (shown by their name)."""

    def __init__(self, members, **kwargs):
        super().__init__(
            queryset=members,
            required=False,
            label=_("Who do you thank?"),
            empty_label=_("Nobody in particular"),
            help_text=_("Only for a thank-you: a neighbour who is a member of this wijk. They hear of it."),
            error_messages={"invalid_choice": _("You can only thank a member of this wijk: choose one from the list.")},
            **kwargs,
        )

    def label_from_instance(self, obj):
        return obj.name


class ThankedMixin:
    """Adds the "who do you thank?" field right after the kind when the members to choose from are given."""

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["thanked"] = ThankedField(members)
            order = list(self.fields)
            order.remove("thanked")
            order.insert(order.index("kind") + 1, "thanked")
            self.order_fields(order)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("thanked") is not None and cleaned.get("kind") != Post.Kind.THANKS:
            self.add_error("thanked", _("Only a thank-you names a person to thank."))
        return cleaned


class PostForm(ThankedMixin, KindnessMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to share?"), choices=Post.Kind.choices, initial=Post.Kind.MESSAGE
    )
    text = forms.CharField(
        label=_("Your message"),
        max_length=MAX_POST_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("You can use Markdown: **bold**, *italic*, lists and links. Mention a neighbour with @name."),
    )
    category = forms.ChoiceField(label=_("Category"), choices=Post.Category.choices, initial=Post.Category.GENERAL)
    audience = forms.ChoiceField(
        label=_("Who can read it?"),
        choices=Post.Audience.choices,
        initial=Post.Audience.PUBLIC,
        widget=forms.RadioSelect,
    )
    as_organisation = forms.ModelChoiceField(
        label=_("Post as"), queryset=None, required=False, empty_label=_("Myself"),
        help_text=_("You represent these organisations in this wijk."),
    )
    photos = MultipleImageField(
        label=_("Photos (at most 6)"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF, up to 10 MB each. Location data is removed."),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["as_organisation"]
        field.queryset = organisations if organisations is not None else Organisation.objects.none()
        if not field.queryset.exists():  # nothing to choose: no field to show, and any value sent is refused
            field.widget = forms.HiddenInput()


class PostEditForm(ThankedMixin, KindnessMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Post.Kind.choices)
    text = forms.CharField(label=_("Your message"), max_length=MAX_POST_CHARS, widget=forms.Textarea(attrs={"rows": 6}))
    category = forms.ChoiceField(label=_("Category"), choices=Post.Category.choices)
    audience = forms.ChoiceField(label=_("Who can read it?"), choices=Post.Audience.choices, widget=forms.RadioSelect)


class CommentForm(KindnessMixin, forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=MAX_COMMENT_CHARS, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class InitiativeForm(KindnessMixin, forms.Form):
    kindness_fields = ("title", "description")

    title = forms.CharField(label=_("Title"), max_length=140)
    description = forms.CharField(
        label=_("What is the plan?"), max_length=MAX_POST_CHARS, widget=forms.Textarea(attrs={"rows": 6})
    )
    tasks = forms.CharField(
        label=_("Tasks for volunteers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One task per line, for example: bring a ladder."),
    )

    def clean_tasks(self):
        lines = [line.strip() for line in self.cleaned_data.get("tasks", "").splitlines() if line.strip()]
        if len(lines) > 30:
            raise forms.ValidationError(_("At most 30 tasks, please."))
        return lines


class InitiativeUpdateForm(KindnessMixin, forms.Form):
    text = forms.CharField(label=_("Update"), max_length=MAX_COMMENT_CHARS, widget=forms.Textarea(attrs={"rows": 3}))


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=140)
    needed = forms.IntegerField(label=_("Volunteers needed"), min_value=1, max_value=500, initial=1)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Initiative.Status.choices)


class KindnessWordForm(forms.Form):
    phrase = forms.CharField(label=_("Word or phrase"), max_length=80, min_length=2)
