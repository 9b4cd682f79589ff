"""The demo content of the participation apps loads twice without change, and every page renders for every role."""

import importlib

from django.urls import reverse

from wijkplatform.budget.models import Plan, Round
from wijkplatform.core.capabilities import ROLES
from wijkplatform.core.testing.factories import member
from wijkplatform.messaging.models import Conversation
from wijkplatform.polls.models import Poll
from wijkplatform.recognition.models import HoursLog

APPS = ("polls", "budget", "recognition", "messaging")


def populate(wijk):
    people = {role: member(wijk, role) for role in ROLES}
    for app in APPS:
        module = importlib.import_module(f"wijkplatform.{app}.demo")
        module.populate(wijk=wijk, people=people)
        module.populate(wijk=wijk, people=people)
    return people


def test_demo_is_idempotent(wijk, other_wijk):
    for w in (wijk, other_wijk):
        populate(w)
        assert Poll.objects.in_wijk(w).count() == 1
        assert Round.objects.in_wijk(w).count() == 1 and Plan.objects.in_wijk(w).count() == 4
        assert HoursLog.objects.in_wijk(w).count() == 5
        assert Conversation.objects.in_wijk(w).count() == 1


def test_every_page_renders_for_every_role(client, wijk):
    people = populate(wijk)
    poll = Poll.objects.in_wijk(wijk).get()
    round = Round.objects.in_wijk(wijk).get()
    plan = Plan.objects.in_wijk(wijk).first()
    conversation = Conversation.objects.in_wijk(wijk).get()
    pages = [
        reverse(name, kwargs={"wijk_slug": wijk.slug, **kwargs})
        for name, kwargs in [
            ("polls:list", {}),
            ("polls:detail", {"pk": poll.pk}),
            ("budget:rounds", {}),
            ("budget:round", {"pk": round.pk}),
            ("budget:plan", {"pk": plan.pk}),
            ("recognition:volunteers", {}),
            ("wijken:home", {}),
        ]
    ]
    for role, person in [("visitor", None), *people.items()]:
        if person:
            client.force_login(person)
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200, (role, page, response.status_code)
    client.force_login(people["resident"])
    assert client.get(reverse("messaging:inbox")).status_code == 200
    assert client.get(conversation.get_absolute_url()).status_code == 200
    client.force_login(people["coordinator"])
    for name in (
        "polls:new",
        "polls:survey_new",
        "budget:round_new",
        "recognition:to_confirm",
        "recognition:my_hours",
    ):
        assert client.get(reverse(name, kwargs={"wijk_slug": wijk.slug})).status_code == 200, name
    client.force_login(people["editor"])
    for name in ("recognition:nominations", "recognition:nominate"):
        assert client.get(reverse(name, kwargs={"wijk_slug": wijk.slug})).status_code == 200, name
    assert client.get(reverse("messaging:reports", kwargs={"wijk_slug": wijk.slug})).status_code == 200
