"""Stories by the wijk's reporters, their revisions, the editorial workflow and the printed wijk paper."""

import math

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.models import ModeratedContent, WijkScopedModel
from wijkplatform.core.richtext import plain_text

WORDS_PER_MINUTE = 200


class NewsroomSettings(WijkScopedModel):
    """How the wijkredactie of one wijk works (one row per wijk, made on first use)."""

    first_stories_count = models.PositiveSmallIntegerField(
        _("first stories that need extra review"),
        default=3,
        help_text=_("A reporter's first stories need two approvals, or one from an experienced editor."),
    )
    experienced_after = models.PositiveSmallIntegerField(
        _("approvals that make an editor experienced"),
        default=10,
    )
    autosave_seconds = models.PositiveSmallIntegerField(_("autosave every (seconds)"), default=30)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk"], name="newsroom_settings_one_per_wijk")]


class Pitch(WijkScopedModel, ModeratedContent):
    """A story idea by any member; an editor turns it into an assignment for a reporter."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ASSIGNED = "assigned", _("Assigned")
        DECLINED = "declined", _("Declined")

    title = models.CharField(_("idea"), max_length=160)
    summary = models.TextField(_("what is the story?"), max_length=2000, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    story = models.ForeignKey("Story", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["wijk", "status", "created_at"])]
        verbose_name = _("pitch")

    def __str__(self):
        return self.title


class Story(WijkScopedModel, ModeratedContent):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    title = models.CharField(_("title"), max_length=160)
    lead = models.TextField(
        _("lead"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences that make neighbours want to read on."),
    )
    body = models.TextField(_("story"), blank=True, help_text=_("Markdown: **bold**, *italic*, lists, links."))
    cover = models.ImageField(_("cover photo"), upload_to="stories/", blank=True)
    cover_caption = models.CharField(_("caption"), max_length=200, blank=True)
    cover_credit = models.CharField(_("photo credit"), max_length=120, blank=True)
    tags = models.CharField(_("tags"), max_length=200, blank=True, help_text=_("Separate tags with commas."))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="nl")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="the editor who claimed the review",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1, editable=False)
    planned_for = models.DateField(_("planned for"), null=True, blank=True)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    correction_note = models.TextField(_("correction"), blank=True)
    corrected_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["wijk", "status", "published_at"]),
            models.Index(fields=["wijk", "reporter", "status"]),
        ]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("newsroom:story", kwargs={"wijk_slug": self.wijk.slug, "pk": self.pk})

    @property
    def tag_list(self):
        return [t.strip() for t in self.tags.split(",") if t.strip()]

    @property
    def reading_minutes(self):
        words = len(plain_text(f"{self.lead}\n\n{self.body}").split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    @property
    def is_live(self):
        return self.status == self.Status.PUBLISHED and self.hidden_at is None


class Revision(WijkScopedModel):
    """A kept version of a story's text: every save, autosaves folded into one per person."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=160)
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    autosave = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["wijk", "story", "number"], name="revision_number_unique")]

    def as_text(self):
        return f"# {self.title}\n\n{self.lead}\n\n{self.body}"


class StoryPhoto(WijkScopedModel):
    """A photo to show inside a story's text (Markdown `![caption](url)`), cleaned like every upload."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="stories/inline/")
    caption = models.CharField(_("description of the photo"), max_length=200)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    @property
    def markdown(self):
        caption = self.caption.replace("[", "(").replace("]", ")")
        return f"![{caption}]({self.image.url})"


class Transition(WijkScopedModel):
    """Every step of the workflow: who, when, from which state to which."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["wijk", "story", "at"])]


class Approval(WijkScopedModel):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="approvals")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "story", "editor"], name="approval_once_per_editor")]


class ReviewComment(WijkScopedModel):
    """Comments on a story in review: the editor asks, the reporter answers."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="review_comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class Edition(WijkScopedModel):
    """One issue of the printed wijk paper: its stories and the rendered A4 PDF."""

    number = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=160)
    intro = models.TextField(_("word from the editors"), max_length=1500, blank=True)
    story_ids = models.JSONField(default=list)
    pdf = models.FileField(upload_to="paper/", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["wijk", "number"], name="edition_number_unique")]

    def __str__(self):
        return self.title
