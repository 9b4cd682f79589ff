"""A completed course for a wijk role shows on the member's profile (template include and selector)."""

from django.template import Context, Template

from wijkplatform.academy import services
from wijkplatform.academy.selectors import completed_role_courses

from .factories import build_course, finish


def test_completed_role_course_is_listed(alice, bob):
    course, lessons, quiz = build_course(title="Wijkreporter: je eerste verhaal", role="reporter")
    other, other_lessons, other_quiz = build_course(title="No role")
    finish(services.enrolment_create(course=course, user=alice), lessons, quiz)
    finish(services.enrolment_create(course=other, user=alice), other_lessons, other_quiz)
    services.enrolment_create(course=course, user=bob)  # enrolled, not completed
    badges = completed_role_courses(user=alice)
    assert [b["course"] for b in badges] == [course]
    assert completed_role_courses(user=bob) == []
    assert completed_role_courses(user=alice, role="editor") == []

    html = Template("{% load academy %}{% role_badges person %}").render(Context({"person": alice}))
    assert "Wijkreporter: je eerste verhaal" in html and "Wijkreporter" in html
    assert Template("{% load academy %}{% role_badges person %}").render(Context({"person": bob})).strip() == ""
