"""The LikeJeWijk Academy: courses, progress, certificates, cohorts, knowledge bank, pilots, research access.

Every model here is global (see GLOBAL_MODELS in core/tenancy.py): the Academy is shared by all wijken. A
cohort or a knowledge-bank entry may point at one wijk, which is fine for a global row.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.capabilities import ROLE_CHOICES


class Audience(models.TextChoices):
    RESIDENTS = "residents", _("Residents")
    VOLUNTEERS = "volunteers", _("Volunteers")
    PARTNERS = "partners", _("Partners")
    STUDENTS = "students", _("Students")
    PROFESSIONALS = "professionals", _("Professionals")


LANGUAGE_CHOICES = [("nl", _("Dutch")), ("en", _("English"))]


def new_code():
    """A random, unguessable code (128 bits) for certificates."""
    return secrets.token_urlsafe(16)


def new_cohort_code():
    """A short code a coach hands out: eight letters and digits that are easy to type."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _i in range(8))


class Course(models.Model):
    """A learning trajectory: modules of lessons and quizzes."""

    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES, default="nl")
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    audiences = models.JSONField(_("audiences"), default=list, blank=True)
    prerequisites = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_for",
        verbose_name=_("courses to complete first"),
    )
    role = models.CharField(
        _("course for the wijk role"),
        max_length=20,
        choices=ROLE_CHOICES,
        blank=True,
        help_text=_("Completing it is shown on the member's profile."),
    )
    modules_in_order = models.BooleanField(_("modules unlock in order"), default=True)
    open_enrolment = models.BooleanField(
        _("anyone can enrol"), default=True, help_text=_("Otherwise learners need a cohort code.")
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("academy:course", kwargs={"slug": self.slug})

    def audience_labels(self):
        labels = dict(Audience.choices)
        return [labels[code] for code in self.audiences if code in labels]


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("title"), max_length=160)
    order = models.PositiveIntegerField(_("order"), default=0)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self):
        return f"{self.course}: {self.title}"


class Lesson(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(_("title"), max_length=160)
    order = models.PositiveIntegerField(_("order"), default=0)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    image = models.ImageField(_("image"), upload_to="academy/lessons/", blank=True)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    minutes = models.PositiveIntegerField(_("minutes"), default=5)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self):
        return self.title


class Download(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="downloads")
    title = models.CharField(_("title"), max_length=160)
    file = models.FileField(_("file"), upload_to="academy/downloads/")

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")

    def __str__(self):
        return self.title


class Quiz(models.Model):
    """The quiz that closes a module: the module is done when its lessons are done and the quiz is passed."""

    module = models.OneToOneField(Module, on_delete=models.CASCADE, related_name="quiz")
    title = models.CharField(_("title"), max_length=160)
    pass_mark = models.PositiveIntegerField(_("pass mark (percent)"), default=70)
    deadline = models.DateTimeField(
        _("deadline"), null=True, blank=True, help_text=_("Answers after this moment are refused.")
    )

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        constraints = [models.CheckConstraint(condition=models.Q(pass_mark__lte=100), name="quiz_pass_mark_max_100")]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("One answer")
        MULTIPLE = "multiple", _("Several answers")

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=400)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("answer"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.CharField(_("feedback"), max_length=400, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return self.text


class Cohort(models.Model):
    """A group that takes a course together (a school class, the volunteers of one wijk), with coaches."""

    name = models.CharField(_("name"), max_length=160)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="cohorts")
    wijk = models.ForeignKey("wijken.Wijk", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    code = models.CharField(_("cohort code"), max_length=16, unique=True, default=new_cohort_code)
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coached_cohorts", verbose_name=_("coaches")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self):
        return self.name


class Enrolment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    cohort = models.ForeignKey(Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="enrolments")
    enrolled_at = models.DateTimeField(auto_now_add=True)
    last_lesson = models.ForeignKey(Lesson, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="academy_one_enrolment_per_course")]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self):
        return f"{self.user} · {self.course}"


class LessonDone(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lessons_done")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "lesson"], name="academy_lesson_done_once")]

    def __str__(self):
        return f"{self.enrolment_id} · {self.lesson_id}"


class QuizAttempt(models.Model):
    """One submitted try. `number` counts the tries; two submissions of the same try cannot both land."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveIntegerField()
    score = models.PositiveIntegerField(_("score (percent)"))
    passed = models.BooleanField(_("passed"))
    answers = models.JSONField(default=dict)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "quiz", "number"], name="academy_attempt_number_once")
        ]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")

    def __str__(self):
        return f"{self.enrolment_id} · {self.quiz_id} · {self.number}"


class Certificate(models.Model):
    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField(_("verification code"), max_length=40, unique=True, default=new_code, editable=False)
    learner_name = models.CharField(_("name"), max_length=160)
    course_title = models.CharField(_("course"), max_length=160)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return f"{self.learner_name} · {self.course_title}"

    def get_absolute_url(self):
        return reverse("academy:verify", kwargs={"code": self.code})


class KnowledgeEntry(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        METHOD = "method", _("Method")
        CASE_STUDY = "case_study", _("Case study")

    class Theme(models.TextChoices):
        PARTICIPATION = "participation", _("Participation")
        COMMUNITY = "community", _("Community management")
        CROSS_MEDIA = "cross_media", _("Cross-media communication")

    class Completeness(models.TextChoices):
        OUTLINE = "outline", _("Outline")
        PARTIAL = "partial", _("Partly described")
        COMPLETE = "complete", _("Fully described")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.ARTICLE)
    theme = models.CharField(_("theme"), max_length=15, choices=Theme.choices, default=Theme.PARTICIPATION)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES, default="nl")
    summary = models.CharField(_("summary"), max_length=400)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    goal = models.TextField(_("goal"), blank=True)
    target_group = models.CharField(_("target group"), max_length=200, blank=True)
    approach = models.TextField(_("approach"), blank=True)
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    wijk = models.ForeignKey(
        "wijken.Wijk",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wijk"),
    )
    results = models.TextField(_("results"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    completeness = models.CharField(
        _("how complete the description is"),
        max_length=10,
        choices=Completeness.choices,
        default=Completeness.OUTLINE,
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("knowledge-bank entry")
        verbose_name_plural = _("knowledge-bank entries")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("academy:knowledge_entry", kwargs={"slug": self.slug})


class Pilot(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    question = models.TextField(_("question"))
    wijken = models.ManyToManyField("wijken.Wijk", blank=True, related_name="+", verbose_name=_("wijken"))
    organisations = models.ManyToManyField(
        "partners.Organisation", blank=True, related_name="+", verbose_name=_("partner organisations")
    )
    partners = models.CharField(_("other partners"), max_length=300, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    measures = models.TextField(_("what is measured"), blank=True)
    results = models.TextField(_("results"), blank=True)
    lessons = models.TextField(_("lessons"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("academy:pilot", kwargs={"slug": self.slug})


class ResearcherApproval(models.Model):
    """A researcher asks for access to the anonymised research data; platform staff approve or revoke it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="researcher")
    institution = models.CharField(_("institution"), max_length=200)
    purpose = models.TextField(_("what the data is for"), max_length=2000)
    requested_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("researcher approval")
        verbose_name_plural = _("researcher approvals")

    def __str__(self):
        return f"{self.user} ({self.institution})"

    @property
    def is_approved(self):
        return self.approved_at is not None and self.revoked_at is None
