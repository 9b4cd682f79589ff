import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkplatform.core.pagecache import kept_until_forgotten
from wijkplatform.wijken.models import Wijk

from . import research as research_data
from . import selectors, services
from .certificates import certificate_pdf as render_certificate_pdf
from .forms import (
    CourseFilterForm,
    EnrolForm,
    KnowledgeFilterForm,
    QuizForm,
    ResearcherRequestForm,
    ResearchExportForm,
)
from .models import Enrolment, Lesson, Quiz, ResearcherApproval
from .permissions import is_academy_editor, is_approved_researcher
from .progress import course_progress, progresses


def _error_text(error):
    return " ".join(error.messages)


def index(request):
    form = CourseFilterForm(request.GET or None)
    audience = language = ""
    if form.is_valid():
        audience, language = form.cleaned_data["audience"], form.cleaned_data["language"]
    enrolments = list(selectors.enrolments_of(user=request.user))
    mine = [
        {"enrolment": enrolment, "progress": progress}
        for enrolment, progress in zip(enrolments, progresses(enrolments), strict=True)
    ]
    return render(
        request,
        "academy/index.html",
        {
            "form": form,
            "courses": selectors.courses_published(audience=audience, language=language),
            "mine": mine,
            "cohorts": list(selectors.cohorts_coached(user=request.user)),
            "is_editor": is_academy_editor(request.user),
        },
    )


def course(request, slug, *, form=None, status=200):
    course = selectors.course_get_for(user=request.user, slug=slug)
    enrolment = selectors.enrolment_of(user=request.user, course=course)
    progress = course_progress(course, enrolment)
    missing = (
        services.missing_prerequisites(course=course, user=request.user)
        if request.user.is_authenticated
        else list(course.prerequisites.all())
    )
    certificate = getattr(enrolment, "certificate", None) if enrolment and enrolment.completed_at else None
    return render(
        request,
        "academy/course.html",
        {
            "course": course,
            "enrolment": enrolment,
            "progress": progress,
            "missing": missing,
            "form": form or EnrolForm(),
            "certificate": certificate,
        },
        status=status,
    )


@login_required
@require_POST
def enrol(request, slug):
    course_obj = selectors.course_get_for(user=request.user, slug=slug)
    form = EnrolForm(request.POST)
    if not form.is_valid():
        return course(request, slug, form=form, status=400)
    try:
        services.enrolment_create(course=course_obj, user=request.user, code=form.cleaned_data["code"])
    except ValidationError as error:
        form.add_error("code", error)
        return course(request, slug, form=form, status=400)
    messages.success(request, _("You are enrolled. Enjoy the course!"))
    return redirect("academy:resume", slug=course_obj.slug)


def _enrolment_or_redirect(request, course_obj):
    enrolment = selectors.enrolment_of(user=request.user, course=course_obj)
    if enrolment is None:
        messages.info(request, _("Enrol in the course first."))
    return enrolment


@login_required
def resume(request, slug):
    course_obj = selectors.course_get_for(user=request.user, slug=slug)
    enrolment = _enrolment_or_redirect(request, course_obj)
    if enrolment is None:
        return redirect(course_obj)
    step = course_progress(course_obj, enrolment).next_step()
    if step is None:
        return redirect(course_obj)
    kind, obj = step
    name = "academy:lesson" if kind == "lesson" else "academy:quiz"
    return redirect(name, slug=course_obj.slug, pk=obj.pk)


def _lesson_in_course(course_obj, pk):
    lesson = Lesson.objects.filter(pk=pk, module__course=course_obj).select_related("module").first()
    if lesson is None:
        raise Http404(_("This lesson is not part of this course."))
    return lesson


@login_required
def lesson(request, slug, pk):
    course_obj = selectors.course_get_for(user=request.user, slug=slug)
    lesson_obj = _lesson_in_course(course_obj, pk)
    enrolment = _enrolment_or_redirect(request, course_obj)
    if enrolment is None:
        return redirect(course_obj)
    progress = course_progress(course_obj, enrolment)
    module = progress.module_of_lesson(lesson_obj.pk)
    if not module.unlocked:
        raise PermissionDenied(
            _("This lesson is in a module that is still locked: finish the modules before it first.")
        )
    services.lesson_open(enrolment=enrolment, lesson=lesson_obj)
    done = {lesson_item.pk: is_done for lesson_item, is_done in module.lessons}[lesson_obj.pk]
    return render(
        request,
        "academy/lesson.html",
        {
            "course": course_obj,
            "lesson": lesson_obj,
            "module": module,
            "progress": progress,
            "done": done,
            "downloads": list(lesson_obj.downloads.all()),
        },
    )


@login_required
@require_POST
def lesson_done(request, slug, pk):
    course_obj = selectors.course_get_for(user=request.user, slug=slug)
    lesson_obj = _lesson_in_course(course_obj, pk)
    enrolment = _enrolment_or_redirect(request, course_obj)
    if enrolment is None:
        return redirect(course_obj)
    services.lesson_complete(enrolment=enrolment, lesson=lesson_obj)
    if enrolment.completed_at:
        messages.success(request, _("You completed the course. Your certificate is ready!"))
        return redirect(course_obj)
    return redirect("academy:resume", slug=course_obj.slug)


@login_required
def quiz(request, slug, pk):
    course_obj = selectors.course_get_for(user=request.user, slug=slug)
    quiz_obj = Quiz.objects.filter(pk=pk, module__course=course_obj).select_related("module").first()
    if quiz_obj is None:
        raise Http404(_("This quiz is not part of this course."))
    enrolment = _enrolment_or_redirect(request, course_obj)
    if enrolment is None:
        return redirect(course_obj)
    progress = course_progress(course_obj, enrolment)
    module = progress.module_of_quiz(quiz_obj.pk)
    if not module.unlocked:
        raise PermissionDenied(_("This quiz is in a module that is still locked: finish the modules before it first."))
    questions = list(quiz_obj.questions.prefetch_related("choices"))
    attempts = list(quiz_obj.attempts.filter(enrolment=enrolment))
    next_attempt = len(attempts) + 1
    form = QuizForm(request.POST or None, quiz=quiz_obj, questions=questions, initial={"attempt": next_attempt})
    result, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = services.quiz_submit(
                    enrolment=enrolment,
                    quiz=quiz_obj,
                    answers=form.answers(),
                    attempt=form.cleaned_data["attempt"],
                )
            except ValidationError as error:
                status = 409 if error.code in ("twice", "passed") else 400
                if error.code == "twice":  # keep the typed answers, ready for the next try
                    attempts = list(quiz_obj.attempts.filter(enrolment=enrolment))
                    data = request.POST.copy()
                    data["attempt"] = len(attempts) + 1
                    form = QuizForm(data, quiz=quiz_obj, questions=questions)
                    form.is_valid()
                form.add_error(None, error)
            else:
                if enrolment.completed_at:
                    messages.success(request, _("You completed the course. Your certificate is ready!"))
                attempts.append(result)
                form = QuizForm(quiz=quiz_obj, questions=questions, initial={"attempt": len(attempts) + 1})
        else:
            status = 400
    passed = any(a.passed for a in attempts)
    feedback = _feedback(questions, result) if result else None
    closed = bool(quiz_obj.deadline and timezone.now() > quiz_obj.deadline)
    return render(
        request,
        "academy/quiz.html",
        {
            "course": course_obj,
            "quiz": quiz_obj,
            "form": form,
            "result": result,
            "feedback": feedback,
            "passed": passed,
            "closed": closed,
            "attempts": attempts,
            "progress": course_progress(course_obj, enrolment) if result else progress,
        },
        status=status,
    )


def _feedback(questions, attempt):
    items = []
    for question in questions:
        picked = set(attempt.answers.get(str(question.pk), []))
        correct = {c.pk for c in question.choices.all() if c.is_correct}
        items.append(
            {
                "question": question,
                "right": picked == correct,
                "choices": [{"choice": c, "picked": c.pk in picked} for c in question.choices.all()],
            }
        )
    return items


# Certificates ---------------------------------------------------------------------------------------------


@login_required
def certificate_pdf(request, code):
    certificate = selectors.certificate_get_for(user=request.user, code=code)
    pdf = render_certificate_pdf(request, certificate)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code[:8]}.pdf"'
    return response


def verify(request, code):
    certificate = selectors.certificate_verify(code=code)
    if certificate is None:
        return render(request, "academy/verify_unknown.html", {"code": code[:60]}, status=404)
    return render(request, "academy/verify.html", {"certificate": certificate})


def verify_lookup(request):
    code = (request.GET.get("code") or "").strip()
    if code:
        if len(code) > 40 or not all(ch.isalnum() or ch in "-_" for ch in code):
            return render(request, "academy/verify_unknown.html", {"code": code[:60]}, status=404)
        return redirect("academy:verify", code=code)
    return render(request, "academy/verify_form.html")


# Cohorts --------------------------------------------------------------------------------------------------


def _cohort_rows(cohort):
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort).select_related("user", "course").order_by("user__display_name")
    )
    return [
        {"enrolment": enrolment, "progress": progress}
        for enrolment, progress in zip(enrolments, progresses(enrolments), strict=True)
    ]


@login_required
def cohort(request, pk):
    cohort_obj = selectors.cohort_get_for(user=request.user, pk=pk)
    return render(request, "academy/cohort.html", {"cohort": cohort_obj, "rows": _cohort_rows(cohort_obj)})


@login_required
def cohort_learner(request, pk, user_id):
    cohort_obj = selectors.cohort_get_for(user=request.user, pk=pk)
    enrolment = Enrolment.objects.filter(cohort=cohort_obj, user_id=user_id).select_related("user").first()
    if enrolment is None:
        raise Http404(_("This person is not a learner in this cohort."))
    progress = course_progress(cohort_obj.course, enrolment)
    attempts = list(enrolment.attempts.select_related("quiz").order_by("submitted_at"))
    return render(
        request,
        "academy/cohort_learner.html",
        {
            "cohort": cohort_obj,
            "enrolment": enrolment,
            "progress": progress,
            "attempts": attempts,
        },
    )


@login_required
def cohort_export(request, pk):
    cohort_obj = selectors.cohort_get_for(user=request.user, pk=pk)
    rows = _cohort_rows(cohort_obj)
    quizzes = [m.quiz for m in (rows[0]["progress"].modules if rows else []) if m.quiz]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cohort-{cohort_obj.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("name"),
            _("email"),
            _("enrolled"),
            _("progress (percent)"),
            _("completed"),
            *[_("best score: %(quiz)s") % {"quiz": q.title} for q in quizzes],
        ]
    )
    for row in rows:
        enrolment, progress = row["enrolment"], row["progress"]
        best = {m.quiz.pk: m.quiz_best for m in progress.modules if m.quiz}
        writer.writerow(
            [
                _csv_safe(enrolment.user.name),
                _csv_safe(enrolment.user.email),
                enrolment.enrolled_at.date(),
                progress.percent,
                enrolment.completed_at.date() if enrolment.completed_at else "",
                *["" if best.get(q.pk) is None else best[q.pk] for q in quizzes],
            ]
        )
    return response


def _csv_safe(value):
    """Keep spreadsheets from running a formula typed into a name."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


# Knowledge bank and pilots ----------------------------------------------------------------------------------


def knowledge(request):
    form = KnowledgeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.knowledge_entries(**{k: v for k, v in filters.items() if v})
    return render(
        request,
        "academy/knowledge.html",
        {
            "form": form,
            "entries": list(entries[:100]),
            "searched": bool(request.GET),
        },
        status=200 if not form.errors else 400,
    )


def knowledge_entry(request, slug):
    entry = selectors.knowledge_entry_get(user=request.user, slug=slug)
    return render(request, "academy/knowledge_entry.html", {"entry": entry})


def pilots(request):
    return render(request, "academy/pilots.html", {"pilots": list(selectors.pilots_published())})


def pilot(request, slug):
    pilot_obj = selectors.pilot_get(user=request.user, slug=slug)
    return render(request, "academy/pilot.html", {"pilot": pilot_obj, "wijken": list(pilot_obj.wijken.all())})


# Research data --------------------------------------------------------------------------------------------


@login_required
def research(request):
    approval = ResearcherApproval.objects.filter(user=request.user).first()
    form = ResearcherRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.researcher_request(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                messages.success(request, _("Thank you. Platform staff will review your request."))
                return redirect("academy:research")
        else:
            status = 400
    return render(
        request,
        "academy/research.html",
        {
            "approval": approval,
            "form": form,
            "export_form": ResearchExportForm(),
            "dictionary": research_data.data_dictionary(),
            "min_people": research_data.MIN_PEOPLE,
        },
        status=status,
    )


@login_required
def research_export(request, fmt):
    if fmt not in ("csv", "json", "dictionary"):
        raise Http404(_("We offer the data as CSV and JSON."))
    if not is_approved_researcher(request.user):
        raise PermissionDenied(_("Only researchers approved by platform staff can download research data."))
    form = ResearchExportForm(request.GET or None)
    if request.GET and not form.is_valid():
        return HttpResponse(
            _("Choose a known wijk and between 1 and 36 months."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    data = form.cleaned_data if request.GET else {}
    wijken = Wijk.objects.filter(is_active=True)
    if data.get("wijk"):
        wijken = wijken.filter(slug=data["wijk"])
    rows = research_data.participation_rows(wijken=list(wijken), months=data.get("months") or 12)
    if fmt == "json":
        return JsonResponse(
            {
                "generated_at": timezone.now().isoformat(),
                "minimum_people_per_cell": research_data.MIN_PEOPLE,
                "dictionary": research_data.data_dictionary(),
                "rows": rows,
            },
            json_dumps_params={"ensure_ascii": False},
        )
    if fmt == "dictionary":
        return HttpResponse(
            json.dumps(research_data.data_dictionary(), ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    response = HttpResponse(research_data.as_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="participation.csv"'
    return response


def home_section(request):
    """The wijk home's Academy section (WIJK_HOME_SECTIONS): courses in the wijk's language.

    Courses belong to no wijk: a write to the wijk makes its home read them again, so they are kept apart, for
    every wijk with the same language, as long as the section may be late for a course anyway."""
    language = request.wijk.language
    courses = kept_until_forgotten(
        f"academy-home:{language}", lambda: list(selectors.courses_published(language=language)[:3])
    )
    if not courses:
        return None
    return render_to_string("academy/_home_section.html", {"courses": courses}, request=request)
