import pytest
from django.urls import reverse

from wijkplatform.core.capabilities import ROLES
from wijkplatform.core.testing.factories import member
from wijkplatform.helpdesk import demo
from wijkplatform.helpdesk.models import FAQ, Ticket

pytestmark = pytest.mark.django_db


def test_demo_makes_faq_and_tickets_and_is_idempotent(client, wijk, other_wijk):
    for w in (wijk, other_wijk):
        people = {role: member(w, role) for role in ROLES}
        demo.populate(wijk=w, people=people)
        demo.populate(wijk=w, people=people)
        assert FAQ.objects.in_wijk(w).count() == 3
        assert Ticket.objects.in_wijk(w).count() == 3
    client.force_login(people["tech_helper"])
    response = client.get(reverse("helpdesk:desk", kwargs={"wijk_slug": other_wijk.slug}) + "?status=all")
    assert response.status_code == 200 and "Cannot log in" in response.content.decode()
