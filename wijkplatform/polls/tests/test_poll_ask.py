from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkplatform.core.testing.factories import member
from wijkplatform.polls.models import Choice, Poll

from .factories import quick_poll


def url(name, wijk, **kwargs):
    return reverse(f"polls:{name}", kwargs={"wijk_slug": wijk.slug, **kwargs})


def future(days=3):
    return (timezone.localtime(timezone.now() + timedelta(days=days))).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize("role", ["editor", "partner", "coordinator"])
def test_editors_partners_and_coordinators_ask_a_quick_poll(client, wijk, role):
    asker = member(wijk, role)
    client.force_login(asker)
    response = client.post(
        url("new", wijk),
        {
            "question": "Welke dag voor de buurtschoonmaak?",
            "choices": "Zaterdag\nZondag\n",
            "closes_at": future(),
            "results": "after_answer",
        },
    )
    assert response.status_code == 302
    poll = Poll.objects.in_wijk(wijk).get()
    assert poll.asked_by == asker and poll.is_open
    assert list(Choice.objects.in_wijk(wijk).values_list("text", flat=True)) == ["Zaterdag", "Zondag"]


def test_a_resident_cannot_ask(client, wijk, alice):
    client.force_login(alice)
    response = client.post(url("new", wijk), {"question": "X?", "choices": "a\nb", "closes_at": future()})
    assert response.status_code == 403
    assert not Poll.objects.in_wijk(wijk).exists()


def test_a_poll_closing_in_the_past_is_refused(client, wijk):
    client.force_login(member(wijk, "editor"))
    response = client.post(
        url("new", wijk),
        {"question": "X?", "choices": "a\nb", "closes_at": future(-1), "results": "after_answer"},
    )
    assert response.status_code == 400
    assert "The closing date is in the past" in response.content.decode()
    assert not Poll.objects.in_wijk(wijk).exists()


def test_a_poll_needs_two_different_choices(client, wijk):
    client.force_login(member(wijk, "editor"))
    for choices in ("only one", "same\nSame"):
        response = client.post(
            url("new", wijk),
            {"question": "X?", "choices": choices, "closes_at": future(), "results": "after_answer"},
        )
        assert response.status_code == 400
    assert not Poll.objects.in_wijk(wijk).exists()


def test_poll_list_and_home_section(client, wijk, django_assert_max_num_queries):
    for i in range(5):
        quick_poll(wijk, title=f"Vraag {i}")
    with django_assert_max_num_queries(8):
        page = client.get(url("list", wijk)).content.decode()
    assert "Vraag 4" in page
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from wijkplatform.core.navigation import WIJK_HOME_SECTIONS
    from wijkplatform.polls.views import home_section

    request = RequestFactory().get("/")
    request.wijk, request.user = wijk, AnonymousUser()
    assert "Vraag 0" in home_section(request)  # the open polls on the wijk's home
    assert "wijkplatform.polls.views.home_section" in WIJK_HOME_SECTIONS


def test_another_wijk_sees_nothing(client, wijk, other_wijk, charlie):
    poll = quick_poll(wijk, title="Alleen hier")
    client.force_login(charlie)
    assert client.get(url("detail", other_wijk, pk=poll.pk)).status_code == 404
    assert "Alleen hier" not in client.get(url("list", other_wijk)).content.decode()
