"""Courses can require other courses first; a course requiring itself (directly or in a circle) is refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from wijkplatform.academy import services
from wijkplatform.academy.admin import CourseForm
from wijkplatform.academy.models import Enrolment

from .factories import CourseFactory, build_course, finish


def test_a_course_cannot_require_itself(staff):
    course = CourseFactory()
    with pytest.raises(ValidationError) as error:
        services.course_set_prerequisites(course=course, prerequisites=[course], by=staff)
    assert "cannot require itself" in error.value.messages[0]
    assert course.prerequisites.count() == 0


def test_a_circle_of_courses_is_refused(staff):
    a, b, c = CourseFactory(title="A"), CourseFactory(title="B"), CourseFactory(title="C")
    services.course_set_prerequisites(course=b, prerequisites=[a], by=staff)
    services.course_set_prerequisites(course=c, prerequisites=[b], by=staff)
    with pytest.raises(ValidationError) as error:
        services.course_set_prerequisites(course=a, prerequisites=[c], by=staff)
    assert error.value.code == "prerequisite_cycle"
    assert "circle" in error.value.messages[0]
    assert a.prerequisites.count() == 0


def test_only_academy_editors_change_prerequisites(alice):
    a, b = CourseFactory(), CourseFactory()
    with pytest.raises(PermissionDenied):
        services.course_set_prerequisites(course=b, prerequisites=[a], by=alice)


def test_the_editing_form_says_why(staff):
    a, b = CourseFactory(title="A"), CourseFactory(title="B")
    services.course_set_prerequisites(course=b, prerequisites=[a], by=staff)
    data = {
        "title": "A",
        "slug": a.slug,
        "language": "nl",
        "summary": "s",
        "prerequisites": [b.pk],
        "modules_in_order": True,
        "open_enrolment": True,
        "audiences": ["residents"],
    }
    form = CourseForm(data=data, instance=a)
    assert not form.is_valid()
    assert "circle" in str(form.errors["prerequisites"])
    self_form = CourseForm(data={**data, "prerequisites": [a.pk]}, instance=a)
    assert not self_form.is_valid() and "cannot require itself" in str(self_form.errors["prerequisites"])


def test_enrolling_needs_the_required_course_done(client, alice, staff):
    first, lessons, quiz = build_course(title="Basics")
    second = CourseFactory(title="Advanced")
    services.course_set_prerequisites(course=second, prerequisites=[first], by=staff)
    client.force_login(alice)
    response = client.post(reverse("academy:enrol", kwargs={"slug": second.slug}))
    assert response.status_code == 400
    assert "Complete this course first: Basics" in response.content.decode()
    assert not Enrolment.objects.filter(course=second).exists()

    finish(services.enrolment_create(course=first, user=alice), lessons, quiz)
    assert client.post(reverse("academy:enrol", kwargs={"slug": second.slug})).status_code == 302
    assert Enrolment.objects.filter(course=second, user=alice).exists()
