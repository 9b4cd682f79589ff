"""Factories for Academy tests: `build_course()` makes a small, complete course."""

import factory

from wijkplatform.academy import models


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Course

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "What you learn here."
    is_published = True
    audiences = ["residents"]


class KnowledgeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.KnowledgeEntry

    title = factory.Sequence(lambda n: f"Entry {n}")
    slug = factory.Sequence(lambda n: f"entry-{n}")
    summary = "A short summary."


def build_course(*, with_quiz=True, deadline=None, **fields):
    """Two modules: module 1 has two lessons and (optionally) a quiz of two questions; module 2 one lesson."""
    course = CourseFactory(**fields)
    first = models.Module.objects.create(course=course, title="Getting started", order=1)
    second = models.Module.objects.create(course=course, title="Going further", order=2)
    lessons = [
        models.Lesson.objects.create(module=first, title="Welcome", order=1, body="**Hello** neighbour"),
        models.Lesson.objects.create(module=first, title="Your first step", order=2, body="Step one."),
        models.Lesson.objects.create(module=second, title="Next level", order=1, body="Step two."),
    ]
    quiz = None
    if with_quiz:
        quiz = models.Quiz.objects.create(module=first, title="Check yourself", pass_mark=50, deadline=deadline)
        single = models.Question.objects.create(quiz=quiz, text="Which is kind?", kind="single", order=1)
        models.Choice.objects.create(question=single, text="Saying thanks", is_correct=True, feedback="Yes!")
        models.Choice.objects.create(question=single, text="Ignoring people", feedback="Not quite.")
        multiple = models.Question.objects.create(quiz=quiz, text="Which are places?", kind="multiple", order=2)
        models.Choice.objects.create(question=multiple, text="A Point", is_correct=True, feedback="Right.")
        models.Choice.objects.create(question=multiple, text="A library", is_correct=True, feedback="Right.")
        models.Choice.objects.create(question=multiple, text="A feeling", feedback="That is not a place.")
    return course, lessons, quiz


def right_answers(quiz):
    return {q.pk: [c.pk for c in q.choices.all() if c.is_correct] for q in quiz.questions.prefetch_related("choices")}


def wrong_answers(quiz):
    return {
        q.pk: [next(c.pk for c in q.choices.all() if not c.is_correct)]
        for q in quiz.questions.prefetch_related("choices")
    }


def finish(enrolment, lessons, quiz):
    """Do the whole course through the services."""
    from wijkplatform.academy import services

    for lesson in lessons[:2]:
        services.lesson_complete(enrolment=enrolment, lesson=lesson)
    if quiz:
        services.quiz_submit(enrolment=enrolment, quiz=quiz, answers=right_answers(quiz), attempt=1)
    services.lesson_complete(enrolment=enrolment, lesson=lessons[2])
    enrolment.refresh_from_db()
    return enrolment
