from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wijkplatform.partners.models import Organisation

from . import kindness, selectors
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


THANKED_QUERY_MAX = 80
# The id of the field (the forms' default auto_id "id_%s"): its search box, list and status line are
# "id_thanked_q", "_results" and "_status"; the search's answer updates the status line by its id.
THANKED_ID = "id_thanked"


def thanked_query(text):
    """What was typed in the search for a person to thank, safe to search with: printable, trimmed, short."""
    return "".join(ch for ch in str(text or "") if ch.isprintable()).strip()[:THANKED_QUERY_MAX]


def _person_pk(value):
    if hasattr(value, "_meta"):
        return value.pk
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk < 2**63 else None


def thanked_choices(members, *, query, chosen):
    """What the list under the search shows: "nobody", the person chosen so far (kept while one searches on),
    then up to ten people whose name matches. Two queries at most, whatever the size of the wijk."""
    pk = _person_pk(chosen)
    person = members.filter(pk=pk).first() if pk else None
    matches = selectors.members_matching(members, query=query) if query else []
    people = ([person] if person else []) + [m for m in matches if person is None or m.pk != person.pk]
    if not query:
        status = ""
    elif not matches:
        status = _("Nobody in this wijk has a name with “%(query)s”.") % {"query": query}
    elif len(matches) >= selectors.THANKED_MATCHES:
        status = _("The first %(count)s neighbours found: type more of the name to find fewer.") % {
            "count": len(matches)
        }
    else:
        status = ngettext("%(count)s neighbour found.", "%(count)s neighbours found.", len(matches)) % {
            "count": len(matches)
        }
    return {
        "people": people,
        "chosen_pk": person.pk if person else None,
        "nobody": person is None and not query,
        "query": query,
        "status": status,
    }


class ThankedSearchWidget(forms.Widget):
    """For a wijk too large to list: a search box ("Who do you thank?"), a "Find" button and the matching
    members as radio buttons. With htmx the list follows the typing; without JavaScript "Find" sends the form
    back (the view shows it again as typed, with the matches)."""

    template_name = "community/widgets/thanked_search.html"

    def __init__(self, *, members, url, query="", attrs=None):
        super().__init__(attrs)
        self.members, self.url, self.query = members, url, query

    def id_for_label(self, id_):
        return f"{id_}_q" if id_ else id_

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        base = context["widget"]["attrs"].get("id") or THANKED_ID
        ids = {"q": f"{base}_q", "results": f"{base}_results", "status": f"{base}_status"}
        sync = "closest .thanked-search:replace"  # a newer search replaces one still under way
        context["widget"]["attrs"] = {
            **context["widget"]["attrs"],
            "id": ids["q"],
            "maxlength": THANKED_QUERY_MAX,
            "autocomplete": "off",
            "aria-controls": ids["results"],
            "hx-get": self.url,
            "hx-trigger": "input changed delay:300ms",
            "hx-target": f"#{ids['results']}",
            "hx-include": f"#{ids['results']}",
            "hx-sync": sync,
        }
        context["widget"].update(ids=ids, url=self.url, sync=sync)
        # The raw value: "" is "nobody" chosen, None nothing chosen (format_value would make both None).
        context["choices"] = thanked_choices(self.members, query=self.query, chosen=value)
        context["name"] = name
        return context


class ThankedMixin:
    """Adds the "who do you thank?" field right after the kind when the members to choose from are given.

    With `thanked_search_url` and more members than fit in a list, the field is a search (ThankedSearchWidget)."""

    def __init__(self, *args, members=None, thanked_search_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.thanked_query = None  # what was typed in the search, when the field is one
        if members is not None:
            widget = None
            if thanked_search_url and not selectors.members_are_few(members):
                typed = self.data.get(self.add_prefix("thanked_q")) if self.is_bound else self.initial.get("thanked_q")
                self.thanked_query = thanked_query(typed)
                widget = ThankedSearchWidget(members=members, url=thanked_search_url, query=self.thanked_query)
            self.fields["thanked"] = ThankedField(members, **({"widget": widget} if widget else {}))
            order = list(self.fields)
            order.remove("thanked")
            order.insert(order.index("kind") + 1, "thanked")
            self.order_fields(order)

    def clean(self):
        cleaned = super().clean()
        thanked = cleaned.get("thanked")
        if thanked is not None and cleaned.get("kind") != Post.Kind.THANKS:
            self.add_error("thanked", _("Only a thank-you names a person to thank."))
        elif self._thanked_typed_not_chosen(cleaned):
            self.add_error(
                "thanked",
                _("You typed a name: choose the neighbour you thank from the list, or “Nobody in particular”."),
            )
        return cleaned

    def _thanked_typed_not_chosen(self, cleaned):
        """A name typed in the search, but nobody chosen from its matches: nothing chosen at all, or "nobody"
        left as it was before the matches were shown (a Publish without Find)."""
        if not self.thanked_query or cleaned.get("kind") != Post.Kind.THANKS or "thanked" in self.errors:
            return False
        if cleaned.get("thanked") is not None:
            return False
        chosen = self.data.get(self.add_prefix("thanked"))
        shown = thanked_query(self.data.get(self.add_prefix("thanked_shown")))
        return chosen is None or shown != self.thanked_query


class ThankedSearchForm(forms.Form):
    """The search of "who do you thank?" (the htmx answer of views.thanked_search)."""

    thanked_q = forms.CharField(
        required=False,
        max_length=THANKED_QUERY_MAX,
        error_messages={"max_length": _("Type at most %(limit_value)d characters of the name.")},
    )
    thanked = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        error_messages={
            code: _("The neighbour chosen is not one of the list.") for code in ("invalid", "min_value", "max_value")
        },
    )

    def error_text(self):
        return " ".join(message for messages in self.errors.values() for message in messages)


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
