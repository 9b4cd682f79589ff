"""Demo agenda: a few events per demo wijk in its own language, one of them recurring. Idempotent."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from wijkplatform.partners.models import Organisation

from .models import Event
from .services import event_create, rsvp_set

# (title, description, days from today, start hour, hours, extra fields); "org" names a partner by its slug.
EVENTS = {
    "oude-noorden": [
        (
            "Taalcafé in het Huis van de Wijk",
            "Elke week oefenen we samen Nederlands met koffie en thee. "
            "Iedereen is welkom, ook als je net begint. "
            "Vrijwilligers helpen met gesprekjes, formulieren en brieven.",
            2,
            10,
            2,
            {
                "recurrence": "weekly",
                "org": "huis-van-de-wijk-het-klooster",
                "step_free": True,
                "hearing_loop": True,
                "address": "Zwaanshals 282, Rotterdam",
                "accessibility": "Ingang zonder drempel, invalidentoilet aanwezig.",
            },
        ),
        (
            "Opschoonochtend langs het Noorderkanaal",
            "We prikken samen zwerfafval langs het water. Handschoenen, grijpers en koffie zijn er. "
            "Neem gerust de kinderen mee!",
            9,
            10,
            3,
            {
                "for_children": True,
                "address": "Noorderkanaalweg bij de Zaagmolenbrug, Rotterdam",
                "capacity": 30,
            },
        ),
        (
            "Kinderdisco in de speeltuin",
            "Muziek, limonade en een dansje voor kinderen van 4 tot 12 jaar. "
            "Ouders zijn welkom om te helpen.",
            12,
            15,
            2,
            {
                "for_children": True,
                "org": "speeltuin-de-bergweg",
                "capacity": 40,
                "cost": "2.50",
                "address": "Bergweg 150, Rotterdam",
            },
        ),
        (
            "Buurtoverleg: plannen voor de Zwaanshals",
            "Online overleg over groen en zitplekken op de Zwaanshals. Denk mee en deel je ideeën.",
            16,
            20,
            1,
            {"place": "online", "online_url": "https://meet.example.org/oude-noorden-overleg"},
        ),
    ],
    "bo-kaap": [
        (
            "Heritage walk through the Bo-Kaap",
            "A neighbour-led walk past the oldest houses, the mosques and the stories behind the colours. "
            "We end with tea at the community centre.",
            4,
            10,
            2,
            {
                "recurrence": "monthly",
                "org": "bo-kaap-community-centre",
                "address": "Corner of Wale and Rose Street, Cape Town",
                "cost": "50",
            },
        ),
        (
            "Koeksister baking afternoon",
            "Aunties of the wijk share their recipe. Bring an apron; everything else is provided.",
            7,
            14,
            3,
            {"org": "bo-kaap-community-centre", "capacity": 12, "address": "71 Wale Street, Cape Town"},
        ),
        (
            "Community clean-up and mural touch-up",
            "We tidy the steps of Chiappini Street and refresh the paint where the mural has faded.",
            11,
            9,
            3,
            {"for_children": True, "address": "Chiappini Street steps, Cape Town"},
        ),
    ],
    "fitzroy": [
        (
            "Repair café",
            "Bring a broken toaster, a torn jacket or a wobbly chair: volunteer fixers help you repair it. "
            "Free, donations welcome.",
            3,
            13,
            3,
            {
                "recurrence": "biweekly",
                "org": "fitzroy-neighbourhood-house",
                "step_free": True,
                "address": "Fitzroy Neighbourhood House, Brunswick Street, Fitzroy",
            },
        ),
        (
            "Community garden working bee",
            "Weeding, mulching and planting the winter crop. Morning tea and a shared lunch afterwards.",
            6,
            9,
            3,
            {"address": "Fitzroy Community Garden, King William Street, Fitzroy", "capacity": 25},
        ),
        (
            "Cubby building for kids",
            "Build a cubby from scrap wood with the playworkers. For kids aged 6 to 12; parents stay nearby.",
            10,
            15,
            2,
            {
                "for_children": True,
                "org": "fitzroy-adventure-playground",
                "capacity": 20,
                "address": "Fitzroy Adventure Playground, Fitzroy",
            },
        ),
    ],
}


def populate(*, wijk, people):
    specs = EVENTS.get(wijk.slug)
    if not specs:
        return
    today = timezone.now().astimezone(wijk.tz).date()
    for title, description, days, hour, hours, extra in specs:
        if Event.objects.in_wijk(wijk).filter(title=title).exists():
            continue
        extra = dict(extra)
        org_slug = extra.pop("org", None)
        organisation = Organisation.objects.filter(slug=org_slug).first() if org_slug else None
        organiser = people["partner"] if organisation else people["resident"]
        start = datetime.combine(today + timedelta(days=days), time(hour))
        event = event_create(
            wijk=wijk,
            by=organiser,
            title=title,
            description=description,
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            organiser_partner=organisation,
            **extra,
        )
        for role in ("resident", "reporter", "point_host"):
            if people[role] != organiser:
                rsvp_set(wijk=wijk, event=event, user=people[role], status="going")
