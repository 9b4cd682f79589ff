"""A learner enrols in an Academy course, does its lessons and quiz, and gets a certificate that can be verified."""

import re

from e2e.conftest import assert_accessible, shot
from e2e.helpers import log_in
from wijkplatform.academy.models import Certificate, Enrolment
from wijkplatform.academy.tests.factories import build_course
from wijkplatform.core.testing.factories import UserFactory


def test_learner_completes_a_course_and_gets_a_certificate(page, transactional_db):
    course, lessons, quiz = build_course(title="Digitaal meedoen", slug="digitaal-meedoen", open_enrolment=True)
    learner = UserFactory(display_name="Leerling Lotte")

    log_in(page, learner.email)
    page.goto("/academy/")
    assert_accessible(page)
    shot(page, "01-academy")
    page.get_by_role("link", name="Digitaal meedoen").first.click()
    page.get_by_role("heading", name="Digitaal meedoen", level=1).wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Enrol").click()
    page.get_by_text("You are enrolled. Enjoy the course!").wait_for()
    enrolment = Enrolment.objects.get(user=learner, course=course)

    # Module 1: two lessons, then the quiz; module 2: one lesson. "Done, next step" leads on each time.
    for number, lesson in enumerate(lessons[:2], start=1):
        page.get_by_role("heading", name=lesson.title, level=1).wait_for()
        if number == 1:
            assert_accessible(page)
            shot(page, "02-lesson")
        page.get_by_role("button", name="Done, next step").click()

    page.get_by_role("heading", name="Quiz: Check yourself").wait_for()
    assert_accessible(page)
    page.get_by_label("Saying thanks").check()
    page.get_by_label("A Point").check()
    page.get_by_label("A library").check()
    shot(page, "03-quiz")
    page.get_by_role("button", name="Check my answers").click()
    page.get_by_role("heading", name="Passed!").wait_for()
    assert page.get_by_text("Your score: 100%.").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Next step").click()

    page.get_by_role("heading", name=lessons[2].title, level=1).wait_for()
    page.get_by_role("button", name="Done, next step").click()
    page.get_by_text("You completed the course. Your certificate is ready!").wait_for()
    assert_accessible(page)
    shot(page, "04-completed")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.learner_name == "Leerling Lotte" and certificate.course_title == "Digitaal meedoen"

    link = page.get_by_role("link", name="Download your certificate (PDF)")
    response = page.request.get(link.get_attribute("href"))  # with the learner's session cookies
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")

    page.get_by_role("link", name="Verification page").click()
    page.wait_for_url(re.compile(rf"/academy/verify/{certificate.code}/$"))
    assert page.get_by_role("heading", name="This certificate is genuine").is_visible()
    assert page.get_by_role("definition").filter(has_text="Leerling Lotte").is_visible()
    assert page.get_by_role("definition").filter(has_text=certificate.code).is_visible()
    assert_accessible(page)
    shot(page, "05-verified")

    page.context.clear_cookies()  # anyone with the code can check it, without an account
    page.reload()
    assert page.get_by_role("heading", name="This certificate is genuine").is_visible()
