"""Quizzes: single and multiple choice, feedback per answer, a pass mark; late or double answers refused."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wijkplatform.academy import services
from wijkplatform.academy.models import QuizAttempt

from .factories import build_course, right_answers, wrong_answers


@pytest.fixture
def enrolled(alice):
    course, lessons, quiz = build_course()
    enrolment = services.enrolment_create(course=course, user=alice)
    return course, lessons, quiz, enrolment


def quiz_url(course, quiz):
    return reverse("academy:quiz", kwargs={"slug": course.slug, "pk": quiz.pk})


def post_data(answers, attempt=1):
    data = {"attempt": attempt}
    for question_id, choices in answers.items():
        data[f"q{question_id}"] = choices
    return data


def test_right_answers_pass_with_feedback(client, alice, enrolled):
    course, lessons, quiz, enrolment = enrolled
    client.force_login(alice)
    page = client.get(quiz_url(course, quiz))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="radio"' in html and 'type="checkbox"' in html
    response = client.post(quiz_url(course, quiz), post_data(right_answers(quiz)))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Passed!" in html and "100%" in html
    assert "Yes!" in html  # the feedback of the chosen answer
    assert QuizAttempt.objects.get(enrolment=enrolment).passed


def test_wrong_answers_fail_and_may_try_again(client, alice, enrolled):
    course, lessons, quiz, enrolment = enrolled
    client.force_login(alice)
    response = client.post(quiz_url(course, quiz), post_data(wrong_answers(quiz)))
    html = response.content.decode()
    assert "Not passed yet" in html and "Not quite." in html and "That is not a place." in html
    again = client.post(quiz_url(course, quiz), post_data(right_answers(quiz), attempt=2))
    assert "Passed!" in again.content.decode()
    assert list(QuizAttempt.objects.filter(enrolment=enrolment).values_list("number", "passed")) == [
        (1, False),
        (2, True),
    ]


def test_multiple_choice_needs_every_right_answer(enrolled):
    course, lessons, quiz, enrolment = enrolled
    answers = right_answers(quiz)
    multiple = quiz.questions.get(kind="multiple")
    answers[multiple.pk] = answers[multiple.pk][:1]
    attempt = services.quiz_submit(enrolment=enrolment, quiz=quiz, answers=answers, attempt=1)
    assert attempt.score == 50 and attempt.passed  # pass mark is 50


def test_a_missing_answer_is_a_clear_400(client, alice, enrolled):
    course, lessons, quiz, enrolment = enrolled
    client.force_login(alice)
    response = client.post(quiz_url(course, quiz), {"attempt": 1})
    assert response.status_code == 400
    assert "Please answer this question." in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_answer_after_the_deadline_is_refused(client, alice):
    course, lessons, quiz = build_course(deadline=timezone.now() - datetime.timedelta(hours=1))
    services.enrolment_create(course=course, user=alice)
    client.force_login(alice)
    response = client.post(quiz_url(course, quiz), post_data(right_answers(quiz)))
    assert response.status_code == 400
    assert "deadline for this quiz has passed" in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_the_same_try_submitted_twice_is_refused(client, alice, enrolled):
    course, lessons, quiz, enrolment = enrolled
    client.force_login(alice)
    first = client.post(quiz_url(course, quiz), post_data(wrong_answers(quiz), attempt=1))
    assert first.status_code == 200
    twice = client.post(quiz_url(course, quiz), post_data(right_answers(quiz), attempt=1))
    assert twice.status_code == 409
    assert "already submitted" in twice.content.decode()
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1
    assert not QuizAttempt.objects.get(enrolment=enrolment).passed
    assert 'name="attempt" value="2"' in twice.content.decode()  # the form is ready for a real next try


def test_answering_a_passed_quiz_again_says_so(client, alice, enrolled):
    course, lessons, quiz, enrolment = enrolled
    client.force_login(alice)
    client.post(quiz_url(course, quiz), post_data(right_answers(quiz), attempt=1))
    again = client.post(quiz_url(course, quiz), post_data(right_answers(quiz), attempt=2))
    assert again.status_code == 409
    assert "You already passed this quiz." in again.content.decode()
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1


def test_a_passed_quiz_cannot_be_answered_again(enrolled):
    course, lessons, quiz, enrolment = enrolled
    services.quiz_submit(enrolment=enrolment, quiz=quiz, answers=right_answers(quiz), attempt=1)
    with pytest.raises(ValidationError) as error:
        services.quiz_submit(enrolment=enrolment, quiz=quiz, answers=right_answers(quiz), attempt=2)
    assert error.value.code == "passed"
    assert QuizAttempt.objects.count() == 1


def test_the_unique_constraint_stops_a_second_copy(enrolled):
    """Even if two requests passed the check at once, the database keeps one try with that number."""
    from django.db import IntegrityError, transaction

    course, lessons, quiz, enrolment = enrolled
    QuizAttempt.objects.create(enrolment=enrolment, quiz=quiz, number=1, score=0, passed=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        QuizAttempt.objects.create(enrolment=enrolment, quiz=quiz, number=1, score=100, passed=True)
    assert QuizAttempt.objects.count() == 1


@pytest.mark.skipif(
    "sqlite" in settings.DATABASES["default"]["ENGINE"],
    reason="threads need PostgreSQL (SQLite serialises writes; the unique constraint test covers it there)",
)
@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_store_one_try(alice):
    """Two threads submit the same try at the same moment: one lands, the other is refused."""
    import threading

    course, lessons, quiz = build_course()
    enrolment = services.enrolment_create(course=course, user=alice)
    answers = right_answers(quiz)
    barrier, outcomes = threading.Barrier(2), []

    def submit():
        from django.db import connections

        try:
            barrier.wait()
            services.quiz_submit(enrolment=enrolment, quiz=quiz, answers=answers, attempt=1)
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(error.code)
        except Exception as error:  # noqa: BLE001 - SQLite may say "database is locked"
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1


def test_a_quiz_of_a_locked_module_is_refused(client, alice):
    from wijkplatform.academy.models import Module, Quiz

    course, lessons, quiz = build_course()
    locked_quiz = Quiz.objects.create(module=Module.objects.get(course=course, order=2), title="Later quiz")
    services.enrolment_create(course=course, user=alice)
    client.force_login(alice)
    assert client.get(quiz_url(course, locked_quiz)).status_code == 403
