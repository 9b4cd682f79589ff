"""A learner's progress through a course: which lessons and quizzes are done, which modules are unlocked.

`course_outline(course)` reads the course once (2 queries); `progress_of(outline, enrolment)` adds what one
learner did (2 queries). `progresses(enrolments)` does both for a list of learners, in their courses, in 4
queries however long the list: a coach's cohort, a learner's own courses.
"""

from dataclasses import dataclass, field

from .models import LessonDone, Module, QuizAttempt


@dataclass
class ModuleProgress:
    module: object
    lessons: list  # [(lesson, done)]
    quiz: object = None
    quiz_passed: bool = False
    quiz_best: int | None = None
    unlocked: bool = True

    @property
    def total(self):
        return len(self.lessons) + (1 if self.quiz else 0)

    @property
    def done(self):
        return sum(1 for _lesson, done in self.lessons if done) + (1 if self.quiz_passed else 0)

    @property
    def complete(self):
        return self.done == self.total

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 100


@dataclass
class CourseProgress:
    course: object
    enrolment: object
    modules: list = field(default_factory=list)

    @property
    def total(self):
        return sum(m.total for m in self.modules)

    @property
    def done(self):
        return sum(m.done for m in self.modules)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def complete(self):
        return bool(self.modules) and all(m.complete for m in self.modules)

    def module_of_lesson(self, lesson_id):
        for module in self.modules:
            if any(lesson.pk == lesson_id for lesson, _done in module.lessons):
                return module
        return None

    def module_of_quiz(self, quiz_id):
        return next((m for m in self.modules if m.quiz and m.quiz.pk == quiz_id), None)

    def next_step(self):
        """Where to resume: ("lesson", lesson) or ("quiz", quiz), or None when all is done."""
        last = self.enrolment.last_lesson_id if self.enrolment else None
        if last:
            module = self.module_of_lesson(last)
            if module and module.unlocked:
                lessons = module.lessons
                index = next(i for i, (lesson, _d) in enumerate(lessons) if lesson.pk == last)
                for lesson, done in lessons[index:]:
                    if not done:
                        return ("lesson", lesson)
        for module in self.modules:
            if not module.unlocked:
                break
            for lesson, done in module.lessons:
                if not done:
                    return ("lesson", lesson)
            if module.quiz and not module.quiz_passed:
                return ("quiz", module.quiz)
        return None


def course_outlines(courses):
    """{course id: its modules, in order, with their lessons and quiz}: 2 queries for all of them."""
    outlines = {course.pk: [] for course in courses}
    modules = (
        Module.objects.filter(course__in=list(outlines))
        .select_related("quiz")
        .prefetch_related("lessons")
        .order_by("course_id", "order", "pk")
    )
    for module in modules:
        outlines[module.course_id].append(module)
    return outlines


def course_outline(course):
    return course_outlines([course])[course.pk]


def what_was_done(enrolments):
    """{enrolment id: (ids of the lessons done, {quiz id: (best score, passed)})}: 2 queries for all of them."""
    done = {enrolment.pk: (set(), {}) for enrolment in enrolments if enrolment is not None and enrolment.pk}
    if not done:
        return done
    lessons = LessonDone.objects.filter(enrolment_id__in=list(done)).values_list("enrolment_id", "lesson_id")
    for enrolment_id, lesson_id in lessons:
        done[enrolment_id][0].add(lesson_id)
    attempts = QuizAttempt.objects.filter(enrolment_id__in=list(done))
    for enrolment_id, quiz_id, score, passed in attempts.values_list("enrolment_id", "quiz_id", "score", "passed"):
        best = done[enrolment_id][1]
        old = best.get(quiz_id, (0, False))
        best[quiz_id] = (max(old[0], score), old[1] or passed)
    return done


def progresses(enrolments):
    """The progress of each enrolment in its course (`enrolment.course` read with it): 4 queries in all."""
    outlines = course_outlines({enrolment.course for enrolment in enrolments})
    done = what_was_done(enrolments)
    return [progress_of(e.course, outlines[e.course_id], e, done=done[e.pk]) for e in enrolments]


def _quiz_of(module):
    try:
        return module.quiz
    except Module.quiz.RelatedObjectDoesNotExist:
        return None


def progress_of(course, outline, enrolment, *, done=None):
    """The progress of one enrolment (None: someone not enrolled); `done` if read already (`what_was_done`)."""
    if done is None:
        done = what_was_done([enrolment]).get(getattr(enrolment, "pk", None), (set(), {}))
    done_ids, best = done
    progress = CourseProgress(course=course, enrolment=enrolment)
    unlocked = True
    for module in outline:
        quiz = _quiz_of(module)
        entry = ModuleProgress(
            module=module,
            lessons=[(lesson, lesson.pk in done_ids) for lesson in module.lessons.all()],
            quiz=quiz,
            quiz_passed=bool(quiz and best.get(quiz.pk, (0, False))[1]),
            quiz_best=best[quiz.pk][0] if quiz and quiz.pk in best else None,
            unlocked=unlocked,
        )
        progress.modules.append(entry)
        if course.modules_in_order and not entry.complete:
            unlocked = False
    return progress


def course_progress(course, enrolment):
    return progress_of(course, course_outline(course), enrolment)
