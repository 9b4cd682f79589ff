import pytest
from django.urls import reverse

from wijkplatform.helpdesk.models import Ticket
from wijkplatform.helpdesk.tests.factories import FAQFactory, ask_data, started

pytestmark = pytest.mark.django_db


def ask_url(wijk):
    return reverse("helpdesk:ask", kwargs={"wijk_slug": wijk.slug})


def outbox(wijk):
    from wijkplatform.notifications.models import OutboxMessage

    return OutboxMessage.objects.in_wijk(wijk)


def test_anyone_asks_with_an_email_and_gets_a_ticket_page(client, wijk):
    response = client.get(ask_url(wijk))
    assert response.status_code == 200 and 'name="website"' in response.content.decode()
    response = client.post(ask_url(wijk), ask_data())
    assert response.status_code == 302
    ticket = Ticket.objects.in_wijk(wijk).get()
    assert ticket.asker_email == "asker@example.org" and ticket.status == "new"
    assert response["Location"] == ticket.get_absolute_url()
    assert outbox(wijk).filter(to_email="asker@example.org").exists()  # the receipt with the ticket's address


def test_a_ticket_without_a_way_to_answer_is_refused(client, wijk):
    response = client.post(ask_url(wijk), ask_data(email=""))
    assert response.status_code == 400
    assert "without it we have no way to send you an answer" in response.content.decode()
    response = client.post(ask_url(wijk), ask_data(email="not-an-address"))
    assert response.status_code == 400
    assert not Ticket.objects.in_wijk(wijk).exists()


def test_member_asks_without_email(client, wijk, alice):
    client.force_login(alice)
    response = client.post(ask_url(wijk), ask_data(email=""))
    assert response.status_code == 302
    assert Ticket.objects.in_wijk(wijk).get().asker == alice


def test_matching_faq_answers_come_first(client, wijk):
    FAQFactory(wijk=wijk, question="I forgot my password", answer="Use the reset link.")
    FAQFactory(wijk=wijk, question="How do I vote in a poll?", answer="Open the poll.", keywords="poll vote")
    data = ask_data(category="login", question="I cannot remember my password", confirmed="")
    response = client.post(ask_url(wijk), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Use the reset link." in text and "Open the poll." not in text
    assert "Send my question anyway" in text
    assert not Ticket.objects.in_wijk(wijk).exists()
    data["confirmed"] = "on"
    assert client.post(ask_url(wijk), data).status_code == 302
    assert Ticket.objects.in_wijk(wijk).count() == 1


def test_spam_guards_honeypot_and_fill_time(client, wijk):
    response = client.post(ask_url(wijk), ask_data(website="http://spam.example"))
    assert response.status_code == 400 and "automatic message" in response.content.decode()
    response = client.post(ask_url(wijk), ask_data(started=started(seconds_ago=0)))
    assert response.status_code == 400 and "very fast" in response.content.decode()
    response = client.post(ask_url(wijk), ask_data(started="forged"))
    assert response.status_code == 400 and "reload the page" in response.content.decode()
    assert not Ticket.objects.in_wijk(wijk).exists()


def test_rate_limited_per_address(client, wijk):
    for _ in range(5):
        assert client.post(ask_url(wijk), ask_data()).status_code == 302
    response = client.post(ask_url(wijk), ask_data())
    assert response.status_code == 429
    assert "many questions in a short time" in response.content.decode()
    assert Ticket.objects.in_wijk(wijk).count() == 5


def test_unknown_category_is_refused(client, wijk):
    response = client.post(ask_url(wijk), ask_data(category="hacking"))
    assert response.status_code == 400
    assert not Ticket.objects.in_wijk(wijk).exists()
