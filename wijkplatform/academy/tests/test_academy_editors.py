"""Academy editors (a group) and platform staff edit the Academy; everything is registered in the admin."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory

from wijkplatform.academy.admin import academy_site
from wijkplatform.academy.models import Course, ResearcherApproval
from wijkplatform.academy.permissions import EDITOR_GROUP, is_academy_editor
from wijkplatform.core.testing.factories import give_mfa


def make_editor(user):
    Group.objects.get_or_create(name=EDITOR_GROUP)[0].user_set.add(user)
    give_mfa(user)
    user.__dict__.pop("_academy_editor", None)


def test_who_is_an_academy_editor(alice, bob, staff):
    make_editor(bob)
    assert is_academy_editor(staff)
    assert is_academy_editor(bob)
    assert not is_academy_editor(alice)


def test_an_editor_without_two_factor_authentication_is_not_one_yet(alice):
    Group.objects.get_or_create(name=EDITOR_GROUP)[0].user_set.add(alice)
    assert not is_academy_editor(alice)


def test_every_academy_model_is_in_the_admin():
    from django.apps import apps

    for model in apps.get_app_config("academy").get_models():
        assert model in admin.site._registry, model


def test_the_editors_site_admits_editors_only(alice, bob):
    make_editor(bob)
    request = RequestFactory().get("/")
    request.user = bob
    assert academy_site.has_permission(request)
    assert academy_site._registry[Course].has_change_permission(request)
    assert ResearcherApproval not in academy_site._registry  # staff only
    request.user = alice
    assert not academy_site.has_permission(request)


def test_editor_sees_an_unpublished_course(client, bob):
    from django.urls import reverse

    from .factories import CourseFactory

    course = CourseFactory(is_published=False)
    make_editor(bob)
    client.force_login(bob)
    assert client.get(reverse("academy:course", kwargs={"slug": course.slug})).status_code == 200


def test_lesson_images_are_checked_on_upload(db):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from wijkplatform.academy.admin import LessonForm
    from wijkplatform.academy.models import Module

    from .factories import CourseFactory

    module = Module.objects.create(course=CourseFactory(), title="M")
    data = {"module": module.pk, "title": "Photo lesson", "order": 1, "minutes": 5}
    bad = SimpleUploadedFile("photo.jpg", b"not an image at all", content_type="image/jpeg")
    form = LessonForm(data=data, files={"image": bad})
    assert not form.is_valid() and "image" in form.errors

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, format="JPEG", exif=b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x00")
    good = SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")
    form = LessonForm(data=data, files={"image": good})
    assert form.is_valid(), form.errors
    lesson = form.save()
    with Image.open(lesson.image.path) as stored:
        assert not stored.info.get("exif")


def test_an_editor_who_is_not_staff_edits_courses_on_the_editors_site(client, settings, alice, bob):
    settings.ROOT_URLCONF = "wijkplatform.academy.tests.urls_editors"
    make_editor(bob)
    client.force_login(bob)
    assert client.get("/academy/edit/").status_code == 200
    for model in ("course", "module", "lesson", "quiz", "question", "cohort", "knowledgeentry", "pilot"):
        assert client.get(f"/academy/edit/academy/{model}/").status_code == 200, model
        assert client.get(f"/academy/edit/academy/{model}/add/").status_code == 200, model
    response = client.post(
        "/academy/edit/academy/knowledgeentry/add/",
        {
            "kind": "method",
            "theme": "participation",
            "title": "Walking interviews",
            "slug": "walking-interviews",
            "language": "en",
            "summary": "Talk while you walk.",
            "completeness": "outline",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    assert client.get("/academy/edit/academy/researcherapproval/").status_code == 404
    client.force_login(alice)
    assert client.get("/academy/edit/academy/course/").status_code in (302, 403)
