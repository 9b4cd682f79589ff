import pytest
from django.urls import reverse

from wijkplatform.helpdesk.models import Ticket, TicketMessage
from wijkplatform.helpdesk.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


def reload(wijk, ticket):
    return Ticket.objects.in_wijk(wijk).get(pk=ticket.pk)


def test_wrong_token_or_other_wijk_is_404(client, wijk, other_wijk):
    ticket = TicketFactory(wijk=wijk)
    assert client.get(reverse("helpdesk:ticket", kwargs={"wijk_slug": wijk.slug, "token": "nope"})).status_code == 404
    url = reverse("helpdesk:ticket", kwargs={"wijk_slug": other_wijk.slug, "token": ticket.token})
    assert client.get(url).status_code == 404


def test_asker_answers_and_the_ticket_moves_back_to_work(client, wijk):
    ticket = TicketFactory(wijk=wijk, status="waiting")
    response = client.post(ticket.get_absolute_url(), {"action": "reply", "body": "It still does not work"})
    assert response.status_code == 302
    assert reload(wijk, ticket).status == "in_progress"
    assert TicketMessage.objects.in_wijk(wijk).filter(from_asker=True).count() == 1
    assert client.post(ticket.get_absolute_url(), {"action": "reply", "body": ""}).status_code == 400


def test_rate_once_after_solving(client, wijk):
    ticket = TicketFactory(wijk=wijk)
    response = client.post(ticket.get_absolute_url(), {"action": "rate", "rating": "5"})
    assert response.status_code == 400 and reload(wijk, ticket).rating is None  # not solved yet
    Ticket.objects.in_wijk(wijk).filter(pk=ticket.pk).update(status="solved")
    assert client.post(ticket.get_absolute_url(), {"action": "rate", "rating": "9"}).status_code == 400
    assert (
        client.post(ticket.get_absolute_url(), {"action": "rate", "rating": "4", "comment": "Quick!"}).status_code
        == 302
    )
    assert reload(wijk, ticket).rating == 4
    response = client.post(ticket.get_absolute_url(), {"action": "rate", "rating": "1"})
    assert response.status_code == 400 and reload(wijk, ticket).rating == 4
    assert "You rated this help 4 out of 5" in client.get(ticket.get_absolute_url()).content.decode()
