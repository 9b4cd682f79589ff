"""A visitor without an account asks for help; a tech helper claims and answers the ticket in the desk;
the asker sees the answer on the page of their question."""

from e2e.conftest import assert_accessible, shot
from e2e.helpers import log_in
from wijkplatform.core.testing.factories import WijkFactory, member
from wijkplatform.helpdesk.models import Ticket, TicketMessage

QUESTION = "Ik krijg geen e-mail om mijn account te bevestigen. Wat nu?"
ANSWER = "Kijk even in de map met ongewenste e-mail; daar staat hij vaak."


def test_visitor_asks_and_a_tech_helper_answers(page, browser, live_server, transactional_db):
    wijk = WijkFactory(slug="oude-noorden", name="Oude Noorden", city="Rotterdam", country="NL")
    helper = member(wijk, "tech_helper", display_name="Helper Hamid")

    page.goto("/oude-noorden/help/")
    assert_accessible(page)
    page.get_by_label("I cannot log in").check()
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_label("Your name (optional)").fill("Piet")
    page.get_by_label("Your email address").fill("piet@example.org")
    shot(page, "01-ask")
    page.wait_for_timeout(3_100)  # the form refuses answers sent within 3 seconds (a robot's speed)
    page.get_by_role("button", name="Send my question").click()
    page.get_by_text("Your question is sent.").wait_for()
    ticket_url = page.url
    assert "/oude-noorden/help/t/" in ticket_url
    assert_accessible(page)
    shot(page, "02-sent")
    ticket = Ticket.objects.in_wijk(wijk).get()
    assert ticket.question == QUESTION and ticket.asker_email == "piet@example.org" and ticket.asker_id is None

    # The helper works in a separate browser, as a different person.
    desk = browser.new_context(viewport=page.viewport_size, base_url=live_server.url, locale="en-GB")
    helper_page = desk.new_page()
    helper_page.set_default_timeout(10_000)
    helper_page.viewport_name, helper_page.shots = page.viewport_name, page.shots
    log_in(helper_page, helper.email)
    helper_page.goto("/oude-noorden/desk/help/")
    assert_accessible(helper_page)
    shot(helper_page, "03-desk")
    helper_page.get_by_role("link", name=QUESTION[:40]).click()
    helper_page.get_by_role("button", name="I will take this one").click()
    helper_page.get_by_text("You are working on this ticket.").wait_for()
    assert_accessible(helper_page)
    helper_page.get_by_label("Answer to the asker").fill(ANSWER)
    helper_page.get_by_role("button", name="Send the answer").click()
    helper_page.get_by_text("Your answer is sent to the asker.").wait_for()
    shot(helper_page, "04-answered")
    desk.close()

    ticket.refresh_from_db()
    assert ticket.claimed_by_id == helper.pk
    reply = TicketMessage.objects.in_wijk(wijk).get(ticket=ticket)
    assert reply.body == ANSWER and reply.author_id == helper.pk and not reply.internal and not reply.from_asker

    page.goto(ticket_url)
    assert page.get_by_text(ANSWER).is_visible()
    assert page.get_by_text("Helper Hamid of the help desk").is_visible()
    assert_accessible(page)
    shot(page, "05-asker-sees-answer")
