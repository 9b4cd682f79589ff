"""Reads of the Academy, and access helpers that raise 404 for what a person may not see."""

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Certificate, Cohort, Course, Enrolment, KnowledgeEntry, Pilot
from .permissions import is_academy_editor


def courses_published(*, audience="", language=""):
    courses = Course.objects.filter(is_published=True)
    if language:
        courses = courses.filter(language=language)
    courses = list(courses.order_by("title"))
    if audience:  # JSON containment is not portable to SQLite: filter the (short) list in Python
        courses = [c for c in courses if audience in c.audiences]
    return courses


def course_get_for(*, user, slug):
    course = Course.objects.filter(slug=slug).first()
    if course is None or not (course.is_published or is_academy_editor(user)):
        raise Http404(_("There is no course at this address."))
    return course


def enrolment_of(*, user, course):
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).select_related("course", "last_lesson").first()


def enrolments_of(*, user):
    if not user.is_authenticated:
        return []
    return list(Enrolment.objects.filter(user=user).select_related("course").order_by("-enrolled_at"))


def cohorts_coached(*, user):
    if not user.is_authenticated:
        return Cohort.objects.none()
    return Cohort.objects.filter(coaches=user).select_related("course", "wijk")


def cohort_get_for(*, user, pk):
    """A cohort for its coaches (and academy editors); a 404 for anyone else, learners included."""
    cohort = Cohort.objects.filter(pk=pk).select_related("course", "wijk").first()
    if cohort is None or not user.is_authenticated:
        raise Http404(_("There is no cohort here."))
    if not (is_academy_editor(user) or cohort.coaches.filter(pk=user.pk).exists()):
        raise Http404(_("There is no cohort here."))
    return cohort


def certificate_get_for(*, user, code):
    """The certificate itself (PDF): its owner, a coach of their cohort, or an academy editor."""
    certificate = Certificate.objects.filter(code=code).select_related("enrolment__user", "enrolment__course").first()
    if certificate is None or not user.is_authenticated:
        raise Http404(_("There is no certificate with this code."))
    enrolment = certificate.enrolment
    allowed = (
        enrolment.user_id == user.pk
        or is_academy_editor(user)
        or (enrolment.cohort_id and Cohort.objects.filter(pk=enrolment.cohort_id, coaches=user).exists())
    )
    if not allowed:
        raise Http404(_("There is no certificate with this code."))
    return certificate


def certificate_verify(*, code):
    """Anyone may check a code: the certificate, or None for an unknown or forged code."""
    if not code or len(code) > 40:
        return None
    return Certificate.objects.filter(code=code).first()


def completed_role_courses(*, user, role=None):
    """The courses for a wijk role that this person completed, with the date (for profiles and role pages)."""
    if not user or not getattr(user, "pk", None):
        return []
    enrolments = (
        Enrolment.objects.filter(user=user, completed_at__isnull=False)
        .exclude(course__role="")
        .select_related("course")
        .order_by("completed_at")
    )
    if role:
        enrolments = enrolments.filter(course__role=role)
    return [
        {"course": e.course, "role": e.course.get_role_display(), "completed_at": e.completed_at} for e in enrolments
    ]


# Knowledge bank -----------------------------------------------------------------------------------------

SEARCH_FIELDS = [
    "title",
    "summary",
    "body",
    "goal",
    "target_group",
    "approach",
    "partners",
    "results",
    "lessons_learned",
]


def knowledge_entries(*, q="", kind="", theme="", completeness="", wijk="", target_group="", language=""):
    entries = KnowledgeEntry.objects.filter(is_published=True).select_related("wijk")
    if kind:
        entries = entries.filter(kind=kind)
    if theme:
        entries = entries.filter(theme=theme)
    if completeness:
        entries = entries.filter(completeness=completeness)
    if wijk:
        entries = entries.filter(wijk__slug=wijk)
    if language:
        entries = entries.filter(language=language)
    if target_group:
        entries = entries.filter(target_group__icontains=target_group)
    q = (q or "").strip()[:200]
    if q:
        if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
            vector = SearchVector(*SEARCH_FIELDS, config="simple")
            query = SearchQuery(q, config="simple", search_type="websearch")
            entries = entries.annotate(search=vector).filter(Q(search=query) | Q(title__icontains=q))
        else:
            condition = Q()
            for word in q.split()[:8]:
                word_q = Q()
                for name in SEARCH_FIELDS:
                    word_q |= Q(**{f"{name}__icontains": word})
                condition &= word_q
            entries = entries.filter(condition)
    return entries


def knowledge_entry_get(*, user, slug):
    entry = KnowledgeEntry.objects.filter(slug=slug).select_related("wijk").first()
    if entry is None or not (entry.is_published or is_academy_editor(user)):
        raise Http404(_("There is no knowledge-bank entry at this address."))
    return entry


def pilots_published():
    return Pilot.objects.filter(is_published=True).prefetch_related("wijken")


def pilot_get(*, user, slug):
    pilot = Pilot.objects.filter(slug=slug).prefetch_related("wijken", "organisations").first()
    if pilot is None or not (pilot.is_published or is_academy_editor(user)):
        raise Http404(_("There is no pilot at this address."))
    return pilot
