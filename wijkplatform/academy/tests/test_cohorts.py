"""Cohorts: enrol with a code; coaches see progress and quiz results and export CSV; nobody else does."""

import pytest
from django.urls import reverse

from wijkplatform.academy import services
from wijkplatform.academy.models import Cohort, Enrolment
from wijkplatform.core.testing.factories import UserFactory

from .factories import build_course, right_answers, wrong_answers


@pytest.fixture
def cohort(wijk, coordinator):
    course, lessons, quiz = build_course(title="Digital help at a LikeJeWijk Point", open_enrolment=False)
    cohort = Cohort.objects.create(name="Point hosts autumn", course=course, wijk=wijk)
    cohort.coaches.add(coordinator)
    return cohort


def test_enrol_with_a_cohort_code(client, alice, cohort):
    client.force_login(alice)
    url = reverse("academy:enrol", kwargs={"slug": cohort.course.slug})
    response = client.post(url, {"code": cohort.code.lower()})
    assert response.status_code == 302
    assert Enrolment.objects.get(user=alice, course=cohort.course).cohort == cohort


def test_a_closed_course_needs_a_code(client, alice, cohort):
    client.force_login(alice)
    url = reverse("academy:enrol", kwargs={"slug": cohort.course.slug})
    response = client.post(url)
    assert response.status_code == 400
    assert "You need a cohort code" in response.content.decode()
    response = client.post(url, {"code": "WRONG123"})
    assert response.status_code == 400
    assert "not valid for this course" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_coach_sees_progress_and_quiz_results(client, alice, bob, coordinator, cohort, django_assert_max_num_queries):
    quiz = cohort.course.modules.first().quiz
    first = services.enrolment_create(course=cohort.course, user=alice, code=cohort.code)
    services.quiz_submit(enrolment=first, quiz=quiz, answers=wrong_answers(quiz), attempt=1)
    services.quiz_submit(enrolment=first, quiz=quiz, answers=right_answers(quiz), attempt=2)
    services.enrolment_create(course=cohort.course, user=bob, code=cohort.code)
    for n in range(8):  # a longer list costs no more queries
        learner = UserFactory(display_name=f"Learner {n}")
        services.lesson_complete(
            enrolment=services.enrolment_create(course=cohort.course, user=learner, code=cohort.code),
            lesson=cohort.course.modules.first().lessons.first(),
        )
    client.force_login(coordinator)
    # The session and coach's row, the cohort and the coach's right to it (3), the learners, the course's
    # modules and lessons, and what the learners did (lessons, quizzes).
    with django_assert_max_num_queries(10):
        response = client.get(reverse("academy:cohort", kwargs={"pk": cohort.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alice" in html and "Bob" in html and "100%" in html and "<progress" in html
    detail = client.get(reverse("academy:cohort_learner", kwargs={"pk": cohort.pk, "user_id": alice.pk}))
    assert detail.status_code == 200
    assert "Check yourself" in detail.content.decode()


def test_coach_exports_csv(client, alice, coordinator, cohort):
    services.enrolment_create(course=cohort.course, user=alice, code=cohort.code)
    alice.display_name = "=HYPERLINK(evil)"
    alice.save()
    client.force_login(coordinator)
    response = client.get(reverse("academy:cohort_export", kwargs={"pk": cohort.pk}))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert "'=HYPERLINK(evil)" in text and alice.email in text
    assert "best score: Check yourself" in text


def test_learners_and_strangers_never_see_a_cohort(client, alice, bob, charlie, cohort):
    services.enrolment_create(course=cohort.course, user=alice, code=cohort.code)
    for person in (alice, bob, charlie):
        client.force_login(person)
        assert client.get(reverse("academy:cohort", kwargs={"pk": cohort.pk})).status_code == 404
        assert client.get(reverse("academy:cohort_export", kwargs={"pk": cohort.pk})).status_code == 404
        url = reverse("academy:cohort_learner", kwargs={"pk": cohort.pk, "user_id": alice.pk})
        assert client.get(url).status_code == 404


def test_a_coach_sees_only_learners_of_their_own_cohort(client, bob, coordinator, cohort):
    other = Cohort.objects.create(name="Other class", course=cohort.course)
    services.enrolment_create(course=cohort.course, user=bob, code=other.code)
    client.force_login(coordinator)
    url = reverse("academy:cohort_learner", kwargs={"pk": cohort.pk, "user_id": bob.pk})
    assert client.get(url).status_code == 404
    url = reverse("academy:cohort_learner", kwargs={"pk": other.pk, "user_id": bob.pk})
    assert client.get(url).status_code == 404
