"""Demo content: volunteer hours, volunteers who agreed to be shown, a neighbour of the month."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from .models import HoursLog, Nomination, VolunteerProfile
from .services import this_month

HOURS = {
    "nl": [
        ("point_host", "point_shift", "Gastvrouw bij het Wijkpunt op dinsdag", 3, True),
        ("point_host", "point_shift", "Spreekuur voor buren zonder computer", 4, True),
        ("tech_helper", "help_desk", "Buren geholpen met DigiD en hun telefoon", 2.5, True),
        ("reporter", "editing", "Verhaal over de Zwaanshals geschreven", 5, True),
        ("resident", "initiative", "Meegeholpen met de buurtschoonmaak", 2, False),
    ],
    "en": [
        ("point_host", "point_shift", "Hosting the Point on Tuesday", 3, True),
        ("point_host", "point_shift", "Drop-in hour for neighbours without a computer", 4, True),
        ("tech_helper", "help_desk", "Helped neighbours set up their phones", 2.5, True),
        ("reporter", "editing", "Wrote a story about the street market", 5, True),
        ("resident", "initiative", "Helped at the neighbourhood clean-up", 2, False),
    ],
}
REASON = {
    "nl": ("Ria staat elke week klaar in het Wijkpunt en kent iedereen bij naam. Zonder haar geen koffieochtend!"),
    "en": "Always at the Point with a kettle on and a kind word for everyone who walks in.",
}


def populate(*, wijk, people):
    today = timezone.localdate(timezone=wijk.tz)
    for i, (role, kind, what, hours, confirmed) in enumerate(HOURS.get(wijk.language, HOURS["en"])):
        HoursLog.objects.in_wijk(wijk).get_or_create(
            wijk=wijk,
            volunteer=people[role],
            what_for=what,
            defaults={
                "kind": kind,
                "date": today - timedelta(days=7 * i + 1),
                "hours": Decimal(str(hours)),
                "status": HoursLog.Status.CONFIRMED if confirmed else HoursLog.Status.PENDING,
                "confirmed_by": people["coordinator"] if confirmed else None,
                "confirmed_at": timezone.now() if confirmed else None,
            },
        )
    for role in ("point_host", "tech_helper", "reporter"):
        VolunteerProfile.objects.in_wijk(wijk).get_or_create(
            wijk=wijk, user=people[role], defaults={"show_publicly": True}
        )
    Nomination.objects.in_wijk(wijk).get_or_create(
        wijk=wijk,
        month=this_month(wijk),
        nominee=people["point_host"],
        nominated_by=people["resident"],
        defaults={
            "reason": REASON.get(wijk.language, REASON["en"]),
            "chosen": True,
            "chosen_by": people["editor"],
        },
    )
