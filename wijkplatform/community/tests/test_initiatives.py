import pytest

from wijkplatform.community.models import Initiative, InitiativeSupport, InitiativeTask, TaskVolunteer
from wijkplatform.core.testing.factories import member

from .helpers import url

pytestmark = pytest.mark.django_db


def start(client, wijk, alice):
    client.force_login(alice)
    response = client.post(
        url("initiative_create", wijk),
        {
            "title": "Opschoondag Zwaanshals",
            "description": "Zaterdag ruimen we **samen** de straat op.",
            "tasks": "Vuilniszakken halen\nKoffie zetten\n",
        },
    )
    initiative = Initiative.objects.in_wijk(wijk).get()
    assert response.status_code == 302 and response["Location"] == initiative.get_absolute_url()
    return initiative


def test_a_resident_starts_an_initiative_with_tasks(client, wijk, alice):
    initiative = start(client, wijk, alice)
    assert list(InitiativeTask.objects.in_wijk(wijk).values_list("title", flat=True)) == [
        "Vuilniszakken halen",
        "Koffie zetten",
    ]
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "<strong>samen</strong>" in page and "Koffie zetten" in page
    assert "Opschoondag Zwaanshals" in client.get(url("initiatives", wijk)).content.decode()


def test_neighbours_support_and_sign_up_for_tasks(client, wijk, alice, bob):
    initiative = start(client, wijk, alice)
    task = InitiativeTask.objects.in_wijk(wijk).get(title="Koffie zetten")
    task.needed = 1
    task.save()
    client.force_login(bob)
    client.post(url("initiative_support", wijk, pk=initiative.pk))
    assert InitiativeSupport.objects.in_wijk(wijk).filter(user=bob).exists()
    client.post(url("task_signup", wijk, pk=task.pk))
    assert TaskVolunteer.objects.in_wijk(wijk).filter(task=task, user=bob).exists()
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "1 of 1 volunteers: Bob" in page
    carol = member(wijk, display_name="Carol")
    client.force_login(carol)
    response = client.post(url("task_signup", wijk, pk=task.pk), follow=True)
    assert "enough volunteers already" in response.content.decode()
    assert TaskVolunteer.objects.in_wijk(wijk).filter(task=task).count() == 1


def test_the_starter_posts_updates_adds_tasks_and_sets_the_status(client, wijk, alice, bob):
    from wijkplatform.community.models import InitiativeUpdate
    from wijkplatform.notifications.models import Notification

    initiative = start(client, wijk, alice)
    client.force_login(bob)
    client.post(url("initiative_support", wijk, pk=initiative.pk))
    assert client.post(url("initiative_update", wijk, pk=initiative.pk), {"text": "Hoi"}).status_code == 302
    assert not InitiativeUpdate.objects.in_wijk(wijk).exists()  # only the starter posts updates
    client.force_login(alice)
    client.post(url("initiative_update", wijk, pk=initiative.pk), {"text": "We hebben 40 vuilniszakken!"})
    client.post(url("initiative_task_add", wijk, pk=initiative.pk), {"title": "Grijpers lenen", "needed": 3})
    client.post(url("initiative_status", wijk, pk=initiative.pk), {"status": "running"})
    assert Initiative.objects.in_wijk(wijk).get().status == "running"
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "We hebben 40 vuilniszakken!" in page and "Grijpers lenen" in page and "Under way" in page
    assert Notification.objects.in_wijk(wijk).filter(recipient=bob, kind="initiative_update").exists()


def test_others_may_not_lead_the_initiative(client, wijk, alice, bob):
    from wijkplatform.community.models import InitiativeUpdate

    initiative = start(client, wijk, alice)
    client.force_login(bob)
    client.post(url("initiative_update", wijk, pk=initiative.pk), {"text": "Ik neem het over"})
    client.post(url("initiative_status", wijk, pk=initiative.pk), {"status": "stopped"})
    client.post(url("initiative_task_add", wijk, pk=initiative.pk), {"title": "Niets", "needed": 1})
    assert not InitiativeUpdate.objects.in_wijk(wijk).exists()
    assert Initiative.objects.in_wijk(wijk).get().status == "idea"
    assert InitiativeTask.objects.in_wijk(wijk).count() == 2


def test_bad_input_on_initiatives(client, wijk, alice, stranger):
    client.force_login(alice)
    assert client.post(url("initiative_create", wijk), {"title": "", "description": ""}).status_code == 400
    initiative = start(client, wijk, alice)
    response = client.post(url("initiative_task_add", wijk, pk=initiative.pk), {"title": "Veel", "needed": 0})
    assert response.status_code == 400
    client.force_login(stranger)
    assert client.post(url("initiative_support", wijk, pk=initiative.pk)).status_code == 403
    assert client.get(url("initiative_create", wijk)).status_code == 403
