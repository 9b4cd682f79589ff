"""Editing the Academy: everything is in the platform admin (staff), and in an academy admin site for the
academy editors (a Django group, see permissions.py) that the project mounts at /academy/edit/."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.admin_site import PlatformAdminSite
from wijkplatform.core.images import clean_image
from wijkplatform.core.storage import StorageRefusedAdmin

from . import models
from .permissions import is_academy_editor
from .services import prerequisites_check


class AcademyAdminSite(PlatformAdminSite):
    site_header = _("Academy editors")
    site_title = _("Academy")
    index_title = _("Courses, knowledge bank and pilots")

    def has_permission(self, request):
        return request.user.is_active and is_academy_editor(request.user)


academy_site = AcademyAdminSite(name="academy_admin")


class EditorPermissions:
    """Academy editors may edit everything of the Academy, without Django's per-model permissions."""

    def has_module_permission(self, request):
        return is_academy_editor(request.user)

    def has_view_permission(self, request, obj=None):
        return is_academy_editor(request.user)

    def has_add_permission(self, request, obj=None):
        return is_academy_editor(request.user)

    def has_change_permission(self, request, obj=None):
        return is_academy_editor(request.user)

    has_delete_permission = has_change_permission


class CourseForm(forms.ModelForm):
    audiences = forms.TypedMultipleChoiceField(
        label=_("audiences"),
        choices=models.Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = models.Course
        fields = "__all__"  # noqa: DJ007 - editors edit every field

    def clean(self):
        cleaned = super().clean()
        prerequisites = cleaned.get("prerequisites")
        if prerequisites is not None:
            try:
                prerequisites_check(course=self.instance, prerequisites=list(prerequisites))
            except ValidationError as error:
                self.add_error("prerequisites", error)
        return cleaned


class ModuleInline(EditorPermissions, admin.TabularInline):
    model = models.Module
    extra = 0
    show_change_link = True


class CourseAdmin(EditorPermissions, admin.ModelAdmin):
    form = CourseForm
    list_display = ["title", "language", "role", "is_published"]
    list_filter = ["is_published", "language", "role"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["prerequisites"]
    inlines = [ModuleInline]


class LessonForm(forms.ModelForm):
    class Meta:
        model = models.Lesson
        fields = "__all__"  # noqa: DJ007 - editors edit every field

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "content_type"):  # a new upload, not the stored file
            return clean_image(image)
        return image


class LessonInline(EditorPermissions, admin.StackedInline):
    model = models.Lesson
    form = LessonForm
    extra = 0
    show_change_link = True


class QuizInline(EditorPermissions, admin.StackedInline):
    model = models.Quiz
    extra = 0
    show_change_link = True


class ModuleAdmin(StorageRefusedAdmin, EditorPermissions, admin.ModelAdmin):
    list_display = ["title", "course", "order"]
    list_filter = ["course"]
    inlines = [LessonInline, QuizInline]


class DownloadInline(EditorPermissions, admin.TabularInline):
    model = models.Download
    extra = 0


class LessonAdmin(StorageRefusedAdmin, EditorPermissions, admin.ModelAdmin):
    form = LessonForm
    list_display = ["title", "module", "order"]
    list_filter = ["module__course"]
    inlines = [DownloadInline]


class QuestionInline(EditorPermissions, admin.TabularInline):
    model = models.Question
    extra = 0
    show_change_link = True


class QuizAdmin(EditorPermissions, admin.ModelAdmin):
    list_display = ["title", "module", "pass_mark", "deadline"]
    inlines = [QuestionInline]


class ChoiceInline(EditorPermissions, admin.TabularInline):
    model = models.Choice
    extra = 2


class QuestionAdmin(EditorPermissions, admin.ModelAdmin):
    list_display = ["text", "quiz", "kind"]
    inlines = [ChoiceInline]


class CohortAdmin(EditorPermissions, admin.ModelAdmin):
    list_display = ["name", "course", "wijk", "code"]
    list_filter = ["course"]
    raw_id_fields = ["coaches"]


class EnrolmentAdmin(EditorPermissions, admin.ModelAdmin):
    list_display = ["user", "course", "cohort", "enrolled_at", "completed_at"]
    list_filter = ["course"]
    raw_id_fields = ["user", "last_lesson"]

    def has_add_permission(self, request):
        return False


class CertificateAdmin(EditorPermissions, admin.ModelAdmin):
    list_display = ["learner_name", "course_title", "issued_at", "code"]
    search_fields = ["learner_name", "code"]
    readonly_fields = ["enrolment", "code", "learner_name", "course_title", "issued_at"]

    def has_add_permission(self, request):
        return False


class QuizAttemptAdmin(EditorPermissions, admin.ModelAdmin):
    list_display = ["enrolment", "quiz", "number", "score", "passed", "submitted_at"]
    readonly_fields = ["enrolment", "quiz", "number", "score", "passed", "answers"]

    def has_add_permission(self, request):
        return False


class KnowledgeEntryAdmin(EditorPermissions, admin.ModelAdmin):
    list_display = ["title", "kind", "theme", "completeness", "wijk", "is_published"]
    list_filter = ["kind", "theme", "completeness", "language"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}


class PilotAdmin(EditorPermissions, admin.ModelAdmin):
    list_display = ["title", "starts_on", "ends_on", "is_published"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["wijken", "organisations"]


@admin.action(description=_("Approve the selected researchers"))
def approve_researchers(modeladmin, request, queryset):
    queryset.update(approved_at=timezone.now(), approved_by=request.user, revoked_at=None)


@admin.action(description=_("Revoke the selected researchers"))
def revoke_researchers(modeladmin, request, queryset):
    queryset.update(revoked_at=timezone.now())


class ResearcherApprovalAdmin(admin.ModelAdmin):
    """Platform staff only (the platform admin), never on the academy editors' site."""

    list_display = ["user", "institution", "requested_at", "approved_at", "revoked_at"]
    readonly_fields = ["requested_at", "approved_by"]
    raw_id_fields = ["user"]
    actions = [approve_researchers, revoke_researchers]


REGISTRY = [
    (models.Course, CourseAdmin),
    (models.Module, ModuleAdmin),
    (models.Lesson, LessonAdmin),
    (models.Quiz, QuizAdmin),
    (models.Question, QuestionAdmin),
    (models.Cohort, CohortAdmin),
    (models.Enrolment, EnrolmentAdmin),
    (models.QuizAttempt, QuizAttemptAdmin),
    (models.Certificate, CertificateAdmin),
    (models.KnowledgeEntry, KnowledgeEntryAdmin),
    (models.Pilot, PilotAdmin),
]
for model, model_admin in REGISTRY:
    admin.site.register(model, model_admin)
    academy_site.register(model, model_admin)
admin.site.register(models.ResearcherApproval, ResearcherApprovalAdmin)
admin.site.register(
    models.Download, type("DownloadAdmin", (StorageRefusedAdmin, EditorPermissions, admin.ModelAdmin), {})
)
admin.site.register(
    models.Choice,
    type(
        "ChoiceAdmin",
        (EditorPermissions, admin.ModelAdmin),
        {"list_display": ["text", "question", "is_correct"]},
    ),
)
admin.site.register(
    models.LessonDone,
    type(
        "LessonDoneAdmin",
        (admin.ModelAdmin,),
        {"list_display": ["enrolment", "lesson", "done_at"], "raw_id_fields": ["enrolment", "lesson"]},
    ),
)
