import csv
import io

from django.urls import reverse

from wijkplatform.core.testing.factories import member
from wijkplatform.events import services
from wijkplatform.events.tests.factories import first_date, make_event
from wijkplatform.partners.tests.factories import partner_in, representative


def urls(wijk, date):
    kwargs = {"wijk_slug": wijk.slug, "pk": date.pk}
    return reverse("events:attendees", kwargs=kwargs), reverse("events:attendees_csv", kwargs=kwargs)


def test_the_organiser_sees_and_exports_who_is_coming(client, wijk, alice, bob):
    event = make_event(wijk, alice, capacity=1)
    tricky = member(wijk, display_name='=HYPERLINK("x")')
    services.rsvp_set(wijk=wijk, event=event, user=bob, status="going")
    services.rsvp_set(wijk=wijk, event=event, user=tricky, status="going")
    page_url, csv_url = urls(wijk, first_date(event))
    client.force_login(alice)
    page = client.get(page_url).content.decode()
    assert "Bob" in page and "On the waiting list" in page
    response = client.get(csv_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["Name", "Answer"]
    assert rows[1][:2] == ["Bob", "Going"]
    assert rows[2][0] == '\'=HYPERLINK("x")'  # no formula injection in spreadsheets
    assert rows[2][3] == "1"


def test_representatives_of_the_organising_partner_see_the_list(client, wijk, alice, bob):
    presence = partner_in(wijk)
    representative(wijk, presence.organisation, alice)
    representative(wijk, presence.organisation, bob)
    event = make_event(wijk, alice, organiser_partner=presence.organisation)
    client.force_login(bob)
    assert client.get(urls(wijk, first_date(event))[0]).status_code == 200


def test_others_may_not_see_who_is_coming(client, wijk, alice, bob):
    event = make_event(wijk, alice)
    page_url, csv_url = urls(wijk, first_date(event))
    client.force_login(bob)
    assert client.get(page_url).status_code == 403
    assert client.get(csv_url).status_code == 403


def test_a_coordinator_may_see_who_is_coming(client, wijk, alice, coordinator):
    event = make_event(wijk, alice)
    client.force_login(coordinator)
    assert client.get(urls(wijk, first_date(event))[1]).status_code == 200
