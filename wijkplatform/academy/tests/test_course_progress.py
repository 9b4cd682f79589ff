"""Enrol, follow lessons in order, see progress bars, resume where you stopped, locked modules."""

from django.urls import reverse

from wijkplatform.academy import services
from wijkplatform.academy.models import Enrolment, LessonDone

from .factories import build_course, finish


def test_learner_enrols_and_follows_a_course(client, alice):
    course, lessons, quiz = build_course()
    client.force_login(alice)
    page = client.get(reverse("academy:course", kwargs={"slug": course.slug}))
    assert page.status_code == 200
    assert "Getting started" in page.content.decode()

    response = client.post(reverse("academy:enrol", kwargs={"slug": course.slug}))
    assert response.status_code == 302
    assert Enrolment.objects.filter(user=alice, course=course).exists()

    resume = client.get(reverse("academy:resume", kwargs={"slug": course.slug}))
    assert resume.url == reverse("academy:lesson", kwargs={"slug": course.slug, "pk": lessons[0].pk})
    lesson_page = client.get(resume.url)
    html = lesson_page.content.decode()
    assert "<strong>Hello</strong>" in html
    assert "<progress" in html and "0% done" in html

    done = client.post(reverse("academy:lesson_done", kwargs={"slug": course.slug, "pk": lessons[0].pk}))
    assert done.status_code == 302
    next_page = client.get(done.url, follow=True)
    assert "Your first step" in next_page.content.decode()
    assert LessonDone.objects.filter(enrolment__user=alice).count() == 1


def test_resume_goes_where_the_learner_stopped(client, alice):
    course, lessons, quiz = build_course(modules_in_order=False)
    enrolment = services.enrolment_create(course=course, user=alice)
    client.force_login(alice)
    client.get(reverse("academy:lesson", kwargs={"slug": course.slug, "pk": lessons[2].pk}))
    enrolment.refresh_from_db()
    assert enrolment.last_lesson == lessons[2]
    resume = client.get(reverse("academy:resume", kwargs={"slug": course.slug}))
    assert resume.url.endswith(f"/lessons/{lessons[2].pk}/")


def test_lesson_of_a_locked_module_is_refused(client, alice):
    course, lessons, quiz = build_course()
    services.enrolment_create(course=course, user=alice)
    client.force_login(alice)
    response = client.get(reverse("academy:lesson", kwargs={"slug": course.slug, "pk": lessons[2].pk}))
    assert response.status_code == 403
    assert "still locked" in response.content.decode()
    response = client.post(reverse("academy:lesson_done", kwargs={"slug": course.slug, "pk": lessons[2].pk}))
    assert response.status_code == 403
    assert not LessonDone.objects.filter(lesson=lessons[2]).exists()


def test_lesson_without_enrolment_sends_to_the_course_page(client, alice):
    course, lessons, quiz = build_course()
    client.force_login(alice)
    response = client.get(reverse("academy:lesson", kwargs={"slug": course.slug, "pk": lessons[0].pk}))
    assert response.status_code == 302 and response.url == course.get_absolute_url()


def test_lesson_of_another_course_is_a_404(client, alice):
    course, lessons, quiz = build_course()
    other, other_lessons, _q = build_course()
    services.enrolment_create(course=course, user=alice)
    client.force_login(alice)
    response = client.get(reverse("academy:lesson", kwargs={"slug": course.slug, "pk": other_lessons[0].pk}))
    assert response.status_code == 404


def test_progress_bars_on_the_academy_home(client, alice, django_assert_max_num_queries):
    course, lessons, quiz = build_course()
    enrolment = services.enrolment_create(course=course, user=alice)
    services.lesson_complete(enrolment=enrolment, lesson=lessons[0])
    for n in range(3):  # more courses cost no more queries
        services.enrolment_create(course=build_course(title=f"Another course {n}")[0], user=alice)
    client.force_login(alice)
    with django_assert_max_num_queries(10):  # the session and row, the courses, the learner's and their progress
        response = client.get(reverse("academy:index"))
    html = response.content.decode()
    assert 'max="100" value="25"' in html  # 1 of 4 steps (3 lessons + 1 quiz)
    assert "25% done" in html


def test_completing_the_course_marks_it_complete(alice):
    course, lessons, quiz = build_course()
    enrolment = finish(services.enrolment_create(course=course, user=alice), lessons, quiz)
    assert enrolment.completed_at is not None
    assert enrolment.certificate.learner_name == "Alice"


def test_unpublished_course_is_a_404_for_learners(client, alice):
    course, _lessons, _quiz = build_course(is_published=False)
    client.force_login(alice)
    assert client.get(reverse("academy:course", kwargs={"slug": course.slug})).status_code == 404


def test_lesson_shows_video_link_and_downloads_and_sanitises_text(client, alice):
    from django.core.files.base import ContentFile

    from wijkplatform.academy.models import Download

    course, lessons, quiz = build_course()
    lesson = lessons[0]
    lesson.video_url = "https://video.example.org/welcome"
    lesson.body = "Hello <script>alert('x')</script> [link](javascript:alert(1))"
    lesson.save()
    download = Download(lesson=lesson, title="Checklist (PDF)")
    download.file.save("checklist.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    services.enrolment_create(course=course, user=alice)
    client.force_login(alice)
    html = client.get(reverse("academy:lesson", kwargs={"slug": course.slug, "pk": lesson.pk})).content.decode()
    assert "https://video.example.org/welcome" in html
    assert "Checklist (PDF)" in html and download.file.url in html
    assert "<script>alert" not in html and "javascript:alert" not in html
