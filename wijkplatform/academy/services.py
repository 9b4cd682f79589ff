"""Every write of the Academy. The Academy is global: no wijk argument, the person is explicit."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Certificate, Cohort, Course, Enrolment, LessonDone, QuizAttempt, ResearcherApproval
from .permissions import is_academy_editor
from .progress import course_progress

# Courses and prerequisites ------------------------------------------------------------------------------


def prerequisites_check(*, course, prerequisites):
    """Refuse a course that would require itself, directly or through a chain of other courses."""
    wanted = {c.pk for c in prerequisites}
    if course.pk is None:
        return
    if course.pk in wanted:
        raise ValidationError(
            _("“%(course)s” cannot require itself."),
            params={"course": course.title},
            code="self_prerequisite",
        )
    # Walk down from each wanted course: reaching `course` again means a cycle.
    edges = {}
    for source, target in Course.prerequisites.through.objects.values_list("from_course_id", "to_course_id"):
        edges.setdefault(source, set()).add(target)
    edges[course.pk] = wanted
    seen, stack = set(), list(wanted)
    while stack:
        current = stack.pop()
        if current == course.pk:
            raise ValidationError(
                _("“%(course)s” cannot require a course that itself requires “%(course)s”: that is a circle."),
                params={"course": course.title},
                code="prerequisite_cycle",
            )
        if current in seen:
            continue
        seen.add(current)
        stack.extend(edges.get(current, ()))


def course_set_prerequisites(*, course, prerequisites, by):
    if not is_academy_editor(by):
        raise PermissionDenied(_("Only academy editors can change courses."))
    prerequisites = list(prerequisites)
    with transaction.atomic():
        prerequisites_check(course=course, prerequisites=prerequisites)
        course.prerequisites.set(prerequisites)


def missing_prerequisites(*, course, user):
    required = list(course.prerequisites.all())
    if not required:
        return []
    done = set(
        Enrolment.objects.filter(user=user, course__in=required, completed_at__isnull=False).values_list(
            "course_id", flat=True
        )
    )
    return [c for c in required if c.pk not in done]


# Enrolment and progress ---------------------------------------------------------------------------------


def enrolment_create(*, course, user, code=""):
    """Enrol a learner: open courses for anyone, others with a cohort code. Enrolling twice is harmless."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to enrol."))
    if not course.is_published and not is_academy_editor(user):
        raise ValidationError(_("This course is not open yet."), code="unpublished")
    code = (code or "").strip().upper()
    cohort = None
    if code:
        cohort = Cohort.objects.filter(code=code, course=course).first()
        if cohort is None:
            raise ValidationError(_("This cohort code is not valid for this course."), code="bad_code")
    elif not course.open_enrolment:
        raise ValidationError(_("You need a cohort code from your coach to join this course."), code="need_code")
    missing = missing_prerequisites(course=course, user=user)
    if missing:
        raise ValidationError(
            _("Complete this course first: %(courses)s."),
            params={"courses": ", ".join(c.title for c in missing)},
            code="prerequisites",
        )
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(user=user, course=course, defaults={"cohort": cohort})
        if not created and cohort and enrolment.cohort_id != cohort.pk:
            enrolment.cohort = cohort
            enrolment.save(update_fields=["cohort"])
    return enrolment


def lesson_open(*, enrolment, lesson):
    """Remember where the learner is, so they can resume there."""
    if enrolment.last_lesson_id != lesson.pk:
        Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson)
        enrolment.last_lesson = lesson


def lesson_complete(*, enrolment, lesson):
    progress = course_progress(enrolment.course, enrolment)
    module = progress.module_of_lesson(lesson.pk)
    if module is None:
        raise ValidationError(_("This lesson is not part of this course."), code="wrong_course")
    if not module.unlocked:
        raise PermissionDenied(_("Finish the modules before this one first."))
    with transaction.atomic():
        LessonDone.objects.get_or_create(enrolment=enrolment, lesson=lesson)
        Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson)
        enrolment.last_lesson = lesson
        _complete_if_done(enrolment)


def quiz_submit(*, enrolment, quiz, answers, attempt, now=None):
    """Score one try of a quiz. `answers`: {question_id: [choice_id, ...]}; `attempt`: the try's number.

    Refused, with nothing saved: after the deadline, a quiz already passed, or a try that was already
    submitted (a double click, two tabs at once). The enrolment row is locked while the try is stored, and a
    unique constraint on (enrolment, quiz, number) stops a second copy on any database.
    """
    now = now or timezone.now()
    if quiz.deadline and now > quiz.deadline:
        raise ValidationError(
            _("The deadline for this quiz has passed; answers are no longer accepted."), code="deadline"
        )
    progress = course_progress(enrolment.course, enrolment)
    module = progress.module_of_quiz(quiz.pk)
    if module is None:
        raise ValidationError(_("This quiz is not part of this course."), code="wrong_course")
    if not module.unlocked:
        raise PermissionDenied(_("Finish the modules before this one first."))
    questions = list(quiz.questions.prefetch_related("choices"))
    if not questions:
        raise ValidationError(_("This quiz has no questions yet."), code="empty")
    chosen, missing = {}, []
    for question in questions:
        valid = {choice.pk for choice in question.choices.all()}
        picked = {int(c) for c in answers.get(question.pk, []) if str(c).isdigit() and int(c) in valid}
        if not picked or (question.kind == question.Kind.SINGLE and len(picked) != 1):
            missing.append(question.text)
        chosen[question.pk] = picked
    if missing:
        raise ValidationError(
            _("Please answer every question: %(questions)s"),
            params={"questions": "; ".join(missing)},
            code="incomplete",
        )
    right = sum(1 for q in questions if chosen[q.pk] == {c.pk for c in q.choices.all() if c.is_correct})
    score = round(100 * right / len(questions))
    try:
        with transaction.atomic():
            locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
            tries = list(QuizAttempt.objects.filter(enrolment=locked, quiz=quiz).values_list("passed", flat=True))
            if any(tries):
                raise ValidationError(_("You already passed this quiz."), code="passed")
            if attempt != len(tries) + 1:
                raise ValidationError(
                    _("These answers were already submitted. Your first submission counts."), code="twice"
                )
            result = QuizAttempt.objects.create(
                enrolment=locked,
                quiz=quiz,
                number=attempt,
                score=score,
                passed=score >= quiz.pass_mark,
                answers={str(k): sorted(v) for k, v in chosen.items()},
            )
            _complete_if_done(locked)
    except IntegrityError:
        raise ValidationError(
            _("These answers were already submitted. Your first submission counts."), code="twice"
        ) from None
    enrolment.refresh_from_db()
    return result


def _complete_if_done(enrolment):
    """Inside the caller's transaction: mark the course complete and issue the certificate, once."""
    if enrolment.completed_at:
        return
    progress = course_progress(enrolment.course, enrolment)
    if not progress.complete:
        return
    now = timezone.now()
    updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(completed_at=now)
    enrolment.completed_at = now
    if updated:
        Certificate.objects.get_or_create(
            enrolment=enrolment,
            defaults={"learner_name": enrolment.user.name, "course_title": enrolment.course.title},
        )


# Research access ----------------------------------------------------------------------------------------


def researcher_request(*, user, institution, purpose):
    institution, purpose = (institution or "").strip(), (purpose or "").strip()
    if not institution or not purpose:
        raise ValidationError(_("Tell us your institution and what the data is for."), code="incomplete")
    approval, created = ResearcherApproval.objects.get_or_create(
        user=user, defaults={"institution": institution, "purpose": purpose}
    )
    if not created and not approval.is_approved:
        approval.institution, approval.purpose = institution, purpose
        approval.save(update_fields=["institution", "purpose"])
    return approval


def researcher_approve(*, approval, by):
    if not (by.is_staff and by.has_mfa):
        raise PermissionDenied(_("Only platform staff approve researchers."))
    approval.approved_at, approval.approved_by, approval.revoked_at = timezone.now(), by, None
    approval.save(update_fields=["approved_at", "approved_by", "revoked_at"])
    return approval
