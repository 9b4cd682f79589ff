"""The wijk feed: posts, photos, comments, likes, bookmarks, follows; initiatives; the kindness word list."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.models import ModeratedContent, WijkScopedModel
from wijkplatform.core.richtext import plain_text
from wijkplatform.points.models import PlacedAtPoint

MAX_POST_CHARS = 5000
MAX_COMMENT_CHARS = 2000
MAX_PHOTOS = 6


class Post(WijkScopedModel, ModeratedContent, PlacedAtPoint):
    """Something a member shares with the wijk."""

    class Kind(models.TextChoices):
        MESSAGE = "message", _("Message")
        QUESTION = "question", _("Question")
        TIP = "tip", _("Tip")
        REQUEST = "request", _("Request for help")
        OFFER = "offer", _("Offer of help")
        GIVE_AWAY = "give_away", _("To give away or lend")
        THANKS = "thanks", _("Thank you")
        VOLUNTEERS = "volunteers", _("Volunteers wanted")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Everyone (public)")
        MEMBERS = "members", _("Members of the wijk only")

    class Category(models.TextChoices):
        GENERAL = "general", _("General")
        NEIGHBOURS = "neighbours", _("Neighbours and help")
        GREEN = "green", _("Green and clean")
        SAFETY = "safety", _("Safety and traffic")
        CULTURE = "culture", _("Culture and activities")
        CHILDREN = "children", _("Children and youth")
        MARKET = "market", _("Swap and share")

    # Kinds that can be marked answered / given by their author.
    RESOLVABLE = {Kind.REQUEST, Kind.OFFER, Kind.GIVE_AWAY, Kind.QUESTION, Kind.VOLUNTEERS}

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.MESSAGE)
    text = models.TextField(_("text"), max_length=MAX_POST_CHARS)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices, default=Category.GENERAL)
    audience = models.CharField(_("who can read it"), max_length=8, choices=Audience.choices, default=Audience.PUBLIC)
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("posted as the organisation"),
    )
    thanked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thanked person"),
        help_text=_("For a thank-you: the member of the wijk it thanks."),
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=False)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    pinned_at = models.DateTimeField(null=True, blank=True, editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [
            models.Index(fields=["wijk", "-created_at", "-id"], name="community_post_feed"),
            models.Index(fields=["wijk", "pinned_at"], name="community_post_pinned"),
            models.Index(fields=["wijk", "thanked"], name="community_post_thanked"),
        ]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self):
        return self.title

    @property
    def title(self):
        return Truncator(" ".join(plain_text(self.text).split())).chars(80)

    def get_absolute_url(self):
        return reverse("community:post_detail", kwargs={"wijk_slug": self.wijk.slug, "pk": self.pk})

    @property
    def is_public(self):
        return self.audience == self.Audience.PUBLIC

    @property
    def is_resolvable(self):
        return self.kind in self.RESOLVABLE

    @property
    def resolved_label(self):
        if self.kind in (self.Kind.OFFER, self.Kind.GIVE_AWAY):
            return _("Given")
        if self.kind == self.Kind.VOLUNTEERS:
            return _("Enough volunteers")
        return _("Answered")


class PostPhoto(WijkScopedModel):
    """A photo of a post: the cleaned original and a smaller variant made by a task."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="community/photos/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    small = models.ImageField(upload_to="community/photos/small/", blank=True)
    small_width = models.PositiveIntegerField(default=0)
    small_height = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)
    alt = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["wijk", "post"], name="community_photo_post")]

    def shown(self):
        """(url, width, height) of the variant to show in lists: the small one once it is made."""
        if self.small:
            return self.small.url, self.small_width, self.small_height
        return self.image.url, self.width, self.height


class Comment(WijkScopedModel, ModeratedContent, PlacedAtPoint):
    """A comment on a post; a reply has a parent (one level only)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"), max_length=MAX_COMMENT_CHARS)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["wijk", "post", "created_at"], name="community_comment_post")]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return Truncator(" ".join(plain_text(self.text).split())).chars(80)

    def get_absolute_url(self):
        return (
            reverse("community:post_detail", kwargs={"wijk_slug": self.wijk.slug, "pk": self.post_id})
            + f"#comment-{self.pk}"
        )


class _PersonOnPost(WijkScopedModel):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Like(_PersonOnPost):
    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "post", "user"], name="community_one_like")]


class Bookmark(_PersonOnPost):
    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "post", "user"], name="community_one_bookmark")]
        indexes = [models.Index(fields=["wijk", "user", "created_at"], name="community_bookmark_user")]


class Follow(_PersonOnPost):
    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "post", "user"], name="community_one_follow")]


class Initiative(WijkScopedModel, ModeratedContent):
    """A resident's plan for the wijk (a clean-up, a street party, a garden) that neighbours join."""

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea: looking for support")
        PREPARING = "preparing", _("Preparing")
        RUNNING = "running", _("Under way")
        DONE = "done", _("Done")
        STOPPED = "stopped", _("Stopped")

    title = models.CharField(_("title"), max_length=140)
    description = models.TextField(_("description"), max_length=MAX_POST_CHARS)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.IDEA)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["wijk", "status", "created_at"], name="community_initiative_list")]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:initiative_detail", kwargs={"wijk_slug": self.wijk.slug, "pk": self.pk})


class InitiativeSupport(WijkScopedModel):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "initiative", "user"], name="community_one_support")]


class InitiativeUpdate(WijkScopedModel):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("update"), max_length=MAX_COMMENT_CHARS)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["wijk", "initiative", "created_at"], name="community_update_list")]


class InitiativeTask(WijkScopedModel):
    """A named task volunteers sign up for ("bring a ladder", "bake a cake")."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=140)
    needed = models.PositiveSmallIntegerField(_("volunteers needed"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["wijk", "initiative"], name="community_task_initiative")]

    def __str__(self):
        return self.title


class TaskVolunteer(WijkScopedModel):
    task = models.ForeignKey(InitiativeTask, on_delete=models.CASCADE, related_name="volunteers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wijk", "task", "user"], name="community_one_signup")]


class KindnessWord(WijkScopedModel):
    """A word or phrase a coordinator adds to the wijk's kindness reminder, on top of the shipped lists."""

    phrase = models.CharField(_("word or phrase"), max_length=80)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["phrase"]
        constraints = [models.UniqueConstraint(fields=["wijk", "phrase"], name="community_kindness_unique")]

    def __str__(self):
        return self.phrase
