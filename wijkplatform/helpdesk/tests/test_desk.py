import pytest
from django.urls import reverse

from wijkplatform.core.testing.factories import member
from wijkplatform.helpdesk.models import CannedAnswer, Ticket, TicketMessage
from wijkplatform.helpdesk.tests.factories import FAQFactory, TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def helper(wijk):
    return member(wijk, "tech_helper", display_name="Mehmet")


def desk_url(wijk, ticket=None):
    if ticket is None:
        return reverse("helpdesk:desk", kwargs={"wijk_slug": wijk.slug})
    return reverse("helpdesk:desk_ticket", kwargs={"wijk_slug": wijk.slug, "pk": ticket.pk})


def reload(wijk, ticket):
    return Ticket.objects.in_wijk(wijk).get(pk=ticket.pk)


def test_desk_lists_tickets_with_times(client, wijk, helper, django_assert_max_num_queries):
    for i in range(6):
        TicketFactory(wijk=wijk, subject=f"Help number {i}")
    client.force_login(helper)
    with django_assert_max_num_queries(10):
        response = client.get(desk_url(wijk))
    assert response.status_code == 200 and "Help number 5" in response.content.decode()


def test_claim_reply_by_email_note_and_solve(client, wijk, helper):
    from wijkplatform.notifications.models import OutboxMessage

    ticket = TicketFactory(wijk=wijk)
    client.force_login(helper)
    assert client.post(desk_url(wijk, ticket), {"action": "claim"}).status_code == 302
    ticket = reload(wijk, ticket)
    assert ticket.claimed_by == helper and ticket.status == "in_progress"
    response = client.post(desk_url(wijk, ticket), {"action": "reply", "body": "Tap the camera icon."})
    assert response.status_code == 302
    ticket = reload(wijk, ticket)
    assert ticket.first_response_at is not None and ticket.status == "waiting"
    mail = OutboxMessage.objects.in_wijk(wijk).get(to_email="asker@example.org")
    assert "Tap the camera icon." in mail.body and ticket.token in mail.body
    client.post(desk_url(wijk, ticket), {"action": "note", "note": "Asker seems to use an old phone"})
    client.post(desk_url(wijk, ticket), {"action": "status", "status": "solved"})
    ticket = reload(wijk, ticket)
    assert ticket.status == "solved" and ticket.resolution_time is not None
    # The asker sees the reply but not the internal note.
    client.logout()
    page = client.get(ticket.get_absolute_url()).content.decode()
    assert "Tap the camera icon." in page and "old phone" not in page


def test_reply_to_a_member_is_a_notification(client, wijk, helper, alice):
    from wijkplatform.notifications.models import Notification

    ticket = TicketFactory(wijk=wijk, asker=alice, asker_email="")
    client.force_login(helper)
    client.post(desk_url(wijk, ticket), {"action": "reply", "body": "Here is how."})
    assert Notification.objects.in_wijk(wijk).filter(recipient=alice, kind="ticket_reply").exists()


def test_canned_answer_linked_to_faq(client, wijk, helper):
    faq = FAQFactory(wijk=wijk)
    canned = CannedAnswer.objects.create(wijk=wijk, title="Password", body="See our FAQ on passwords.", faq=faq)
    ticket = TicketFactory(wijk=wijk)
    client.force_login(helper)
    response = client.post(desk_url(wijk, ticket), {"action": "reply", "canned": canned.pk, "body": "Hello!"})
    assert response.status_code == 302
    message = TicketMessage.objects.in_wijk(wijk).get(ticket=ticket)
    assert message.body == "Hello!\n\nSee our FAQ on passwords." and message.faq_id == faq.pk


def test_escalate_to_platform_staff(client, wijk, helper, staff):
    from wijkplatform.notifications.models import OutboxMessage

    ticket = TicketFactory(wijk=wijk)
    client.force_login(helper)
    assert client.post(desk_url(wijk, ticket), {"action": "escalate", "reason": ""}).status_code == 400
    assert (
        client.post(desk_url(wijk, ticket), {"action": "escalate", "reason": "Login server broken"}).status_code == 302
    )
    assert reload(wijk, ticket).escalated_at is not None
    assert OutboxMessage.objects.in_wijk(wijk).filter(to_email=staff.email).exists()
    assert client.post(desk_url(wijk, ticket), {"action": "escalate", "reason": "again"}).status_code == 400


def test_bad_input_on_the_desk(client, wijk, helper):
    ticket = TicketFactory(wijk=wijk)
    client.force_login(helper)
    assert client.post(desk_url(wijk, ticket), {"action": "reply", "body": "  "}).status_code == 400
    assert client.post(desk_url(wijk, ticket), {"action": "status", "status": "exploded"}).status_code == 400
    assert reload(wijk, ticket).status == "new"
    assert not TicketMessage.objects.in_wijk(wijk).exists()


def test_only_helpers_and_not_other_wijken(client, wijk, other_wijk, alice, charlie, helper):
    ticket = TicketFactory(wijk=wijk)
    client.force_login(alice)
    assert client.get(desk_url(wijk)).status_code == 403
    assert client.get(desk_url(wijk, ticket)).status_code == 404
    other_helper = member(other_wijk, "tech_helper")
    client.force_login(other_helper)
    url = reverse("helpdesk:desk_ticket", kwargs={"wijk_slug": other_wijk.slug, "pk": ticket.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "reply", "body": "x"}).status_code == 404
    assert not TicketMessage.objects.in_wijk(wijk).exists()


def test_helpers_add_faq_and_canned_answers(client, wijk, helper):
    client.force_login(helper)
    url = reverse("helpdesk:desk_answers", kwargs={"wijk_slug": wijk.slug})
    response = client.post(
        url,
        {
            "action": "faq",
            "category": "phone",
            "question": "How do I zoom in?",
            "answer": "Pinch with two fingers.",
            "keywords": "zoom groter",
        },
    )
    assert response.status_code == 302
    faq = FAQFactory._meta.model.objects.in_wijk(wijk).get(question="How do I zoom in?")
    response = client.post(url, {"action": "canned", "title": "Zoom", "body": "See the FAQ.", "faq": faq.pk})
    assert response.status_code == 302
    assert client.post(url, {"action": "faq", "category": "phone", "question": "", "answer": ""}).status_code == 400
