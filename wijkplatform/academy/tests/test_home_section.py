"""The wijk home shows a few Academy courses in the wijk's language."""

from django.urls import reverse

from .factories import CourseFactory


def test_wijk_home_shows_academy_courses(client, wijk, other_wijk):
    CourseFactory(title="Wijkreporter: je eerste verhaal", language="nl")
    CourseFactory(title="Neighbourhood reporter: your first story", language="en")
    html = client.get(reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})).content.decode()
    assert reverse("academy:index") in html and "Wijkreporter: je eerste verhaal" in html
    assert "Neighbourhood reporter" not in html
    other = client.get(reverse("wijken:home", kwargs={"wijk_slug": other_wijk.slug})).content.decode()
    assert "Neighbourhood reporter: your first story" in other
