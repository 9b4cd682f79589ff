"""An event's page is kept for all members with the same rights; each still sees their own answer and links."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wijkplatform.core.testing.clients import logged_in
from wijkplatform.core.testing.factories import member
from wijkplatform.events import selectors, services
from wijkplatform.events.tests.factories import first_date, make_event

pytestmark = pytest.mark.django_db

DETAIL_TEMPLATE = "events/detail.html"


def page_of(wijk, date):
    return reverse("events:occurrence", kwargs={"wijk_slug": wijk.slug, "pk": date.pk})


def rsvp_section(page):
    start = page.index('id="rsvp"')
    return page[start : page.index("</section>", start)]


def rendered(response):
    return DETAIL_TEMPLATE in [template.name for template in response.templates]


def test_each_member_sees_their_own_answer_on_the_kept_page(wijk, alice, bob):
    carol = member(wijk, display_name="Carol")
    event = make_event(wijk, alice, title="Buurtbarbecue")
    date = first_date(event)
    services.rsvp_set(wijk=wijk, event=event, occurrence=date, user=bob, status="maybe")
    logged_in(member(wijk)).get(page_of(wijk, date))  # renders the page for members who did not answer

    as_bob = logged_in(bob).get(page_of(wijk, date))
    as_carol = logged_in(carol).get(page_of(wijk, date))
    assert rendered(as_bob) and not rendered(as_carol)  # Carol shares the page of those who did not answer
    assert not rendered(logged_in(bob).get(page_of(wijk, date)))
    bob_page, carol_page = as_bob.content.decode(), as_carol.content.decode()
    assert "Buurtbarbecue" in bob_page and "\x00" not in bob_page
    assert "Your answer: Maybe." in rsvp_section(bob_page)
    assert "Your answer" not in rsvp_section(carol_page)
    assert "0 going · 1 maybe" in rsvp_section(carol_page)


def test_only_the_organiser_gets_the_organisers_links(wijk, alice, bob):
    date = first_date(make_event(wijk, alice))
    logged_in(alice).get(page_of(wijk, date))
    as_alice = logged_in(alice).get(page_of(wijk, date))
    as_bob = logged_in(bob).get(page_of(wijk, date))
    assert not rendered(as_alice) and rendered(as_bob)  # a page with the organiser's links is not Bob's
    assert "For the organiser" in as_alice.content.decode()
    assert "For the organiser" not in as_bob.content.decode()
    assert reverse("events:attendees", kwargs={"wijk_slug": wijk.slug, "pk": date.pk}) not in as_bob.content.decode()


def test_an_answer_shows_at_once_for_the_next_member(wijk, alice, bob):
    date = first_date(make_event(wijk, alice, capacity=2))
    as_alice = logged_in(alice)
    assert "2 places left of 2" in as_alice.get(page_of(wijk, date)).content.decode()
    response = logged_in(bob).post(
        reverse("events:rsvp", kwargs={"wijk_slug": wijk.slug, "pk": date.pk}), {"status": "going"}
    )
    assert response.status_code == 302
    page = as_alice.get(page_of(wijk, date)).content.decode()
    assert "1 place left of 2" in page and "1 going · 0 maybe" in page


def test_a_refused_answer_keeps_its_status_and_message(wijk, alice, bob):
    date = first_date(make_event(wijk, alice))
    as_bob = logged_in(bob)
    as_bob.get(page_of(wijk, date))
    response = as_bob.post(
        reverse("events:rsvp", kwargs={"wijk_slug": wijk.slug, "pk": date.pk}), {"status": "definitely"}
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode() or "message error" in response.content.decode()


def test_each_member_gets_a_working_csrf_token_on_the_kept_page(wijk, alice, bob):
    date = first_date(make_event(wijk, alice))
    logged_in(alice).get(page_of(wijk, date))
    browser = Client(HTTP_ACCEPT_LANGUAGE="en", enforce_csrf_checks=True)
    browser.force_login(bob)
    page = browser.get(page_of(wijk, date)).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = browser.post(
        reverse("events:rsvp", kwargs={"wijk_slug": wijk.slug, "pk": date.pk}),
        {"status": "going", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_a_visitor_still_gets_the_guest_form(client, wijk, alice, bob):
    date = first_date(make_event(wijk, alice, guests_may_rsvp=True))
    logged_in(bob).get(page_of(wijk, date))
    page = client.get(page_of(wijk, date)).content.decode()
    assert "Sign up with your email address" in page
    assert "Sign up with your email address" not in logged_in(bob).get(page_of(wijk, date)).content.decode()


def test_two_on_the_waiting_list_each_see_their_own_place(wijk, alice, bob):
    carol = member(wijk, display_name="Carol")
    event = make_event(wijk, alice, capacity=1)
    date = first_date(event)
    for person in (alice, bob, carol):
        services.rsvp_set(wijk=wijk, event=event, occurrence=date, user=person, status="going")
    bob_page = logged_in(bob).get(page_of(wijk, date)).content.decode()
    carol_page = logged_in(carol).get(page_of(wijk, date)).content.decode()
    assert "You are number 1 on the waiting list." in rsvp_section(bob_page)
    assert "You are number 2 on the waiting list." in rsvp_section(carol_page)


def test_a_hidden_event_is_gone_for_members_at_once_but_not_for_its_organiser(wijk, alice, bob):
    event = make_event(wijk, alice, title="Verborgen feest")
    as_bob = logged_in(bob)
    assert as_bob.get(reverse("events:detail", kwargs={"wijk_slug": wijk.slug, "pk": event.pk})).status_code == 200
    event.hidden_at = timezone.now()
    event.save()
    assert as_bob.get(reverse("events:detail", kwargs={"wijk_slug": wijk.slug, "pk": event.pk})).status_code == 404
    assert as_bob.get(page_of(wijk, first_date(event))).status_code == 404
    page = logged_in(alice).get(reverse("events:detail", kwargs={"wijk_slug": wijk.slug, "pk": event.pk}))
    assert page.status_code == 200 and "hidden by the wijk's editors" in page.content.decode()


def test_a_missing_event_is_a_404(wijk, bob):
    response = logged_in(bob).get(reverse("events:detail", kwargs={"wijk_slug": wijk.slug, "pk": 999999}))
    assert response.status_code == 404


def test_no_password_hash_is_kept_with_an_event(wijk, alice):
    event = make_event(wijk, alice)
    shown = selectors.date_shown(wijk=wijk, event_id=event.pk)
    assert shown.event.organiser.name == "Alice"
    assert not {"password", "bio", "is_staff", "last_login"} & set(shown.event.organiser.__dict__)
