"""The Academy speaks Dutch to a Dutch visitor."""

from django.conf import settings
from django.urls import reverse

from wijkplatform.academy import services

from .factories import build_course


def test_pages_in_dutch(client, alice):
    course, lessons, quiz = build_course()
    services.enrolment_create(course=course, user=alice)
    client.force_login(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    html = client.get(reverse("academy:index")).content.decode()
    assert "Mijn cursussen" in html and "Kennisbank" in html and "0% klaar" in html
    assert "Verder waar je gebleven was" in html
    locked = client.get(reverse("academy:lesson", kwargs={"slug": course.slug, "pk": lessons[2].pk}))
    assert "nog op slot" in locked.content.decode()
    unknown = client.get(reverse("academy:verify", kwargs={"code": "nope"}))
    assert "Deze certificaatcode kennen we niet" in unknown.content.decode()
