from wijkplatform.core.capabilities import ROLES
from wijkplatform.core.testing.factories import member
from wijkplatform.events import demo as events_demo
from wijkplatform.events.models import Event, Occurrence
from wijkplatform.partners import demo as partners_demo
from wijkplatform.partners.models import PartnerPresence, Representative


def test_the_demo_agenda_and_partners_load_twice_without_change(client, wijk):
    people = {role: member(wijk, role) for role in ROLES}
    for _ in range(2):
        partners_demo.populate(wijk=wijk, people=people)
        events_demo.populate(wijk=wijk, people=people)
    assert PartnerPresence.objects.in_wijk(wijk).count() == 2
    assert Representative.objects.in_wijk(wijk).filter(user=people["partner"], status="approved").count() == 2
    assert Event.objects.in_wijk(wijk).count() == 4
    assert Event.objects.in_wijk(wijk).exclude(recurrence="").exists()
    assert Occurrence.objects.in_wijk(wijk).count() > 20
    page = client.get(f"/{wijk.slug}/events/").content.decode()
    assert "Taalcafé in het Huis van de Wijk" in page
    assert "Speeltuin De Bergweg" in client.get(f"/{wijk.slug}/partners/").content.decode()
