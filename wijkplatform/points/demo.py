"""Demo Points: two per demo wijk, with hosts, weekly hours and an exception (idempotent)."""

import datetime

from django.utils import timezone

from .models import OpeningException, OpeningHours, Point, PointHost

T = datetime.time

POINTS = {
    "oude-noorden": [
        {
            "slug": "huis-van-de-wijk",
            "name": "Huis van de Wijk Het Klooster",
            "kind": "community_centre",
            "address": "Zwaanshals 272, Rotterdam",
            "latitude": "51.932900",
            "longitude": "4.483400",
            "description": "Het buurthuis aan de Zwaanshals: koffie, de leestafel en elke dag wel iemand die helpt.",  # noqa: E501
            "activities": "Hulp bij het platform en je telefoon\nDe gedrukte wijkkrant ophalen\n"
            "Een wijkreporter spreken\nKoffie en een praatje",
            "accessibility": "Drempelvrije ingang aan de zijkant, invalidentoilet op de begane grond.",
            "hours": [
                (0, "09:00", "17:00"),
                (1, "09:00", "17:00"),
                (2, "09:00", "12:30"),
                (3, "09:00", "17:00"),
                (3, "19:00", "21:30"),
                (4, "09:00", "16:00"),
            ],
        },
        {
            "slug": "bibliotheek-bergweg",
            "name": "Leeshoek Bibliotheek Bergweg",
            "kind": "library",
            "address": "Bergweg 150, Rotterdam",
            "latitude": "51.935400",
            "longitude": "4.478900",
            "description": "Een hoek in de bibliotheek met een computer en een vrijwilliger van de wijk.",
            "activities": "Digitaal spreekuur\nDe wijkkrant lezen\nFormulieren invullen met hulp",
            "accessibility": "Lift aanwezig; grootletterboeken bij de balie.",
            "hours": [(1, "13:00", "17:00"), (3, "13:00", "17:00"), (5, "10:00", "14:00")],
        },
    ],
    "bo-kaap": [
        {
            "slug": "community-centre",
            "name": "Bo-Kaap Community Centre",
            "kind": "community_centre",
            "address": "Wale Street 71, Bo-Kaap, Cape Town",
            "latitude": "-33.920700",
            "longitude": "18.414800",
            "description": "The heart of the neighbourhood, a short walk up Wale Street.",
            "activities": "Help with the platform and your phone\nPick up the printed wijk paper\nMeet a reporter",  # noqa: E501
            "accessibility": "Two steps at the front door; a ramp is available on request.",
            "hours": [
                (0, "08:30", "16:30"),
                (1, "08:30", "16:30"),
                (2, "08:30", "16:30"),
                (3, "08:30", "16:30"),
                (4, "08:30", "12:00"),
            ],
        },
        {
            "slug": "corner-shop",
            "name": "Rose Street Corner Shop",
            "kind": "shop",
            "address": "Rose Street 40, Bo-Kaap, Cape Town",
            "latitude": "-33.919600",
            "longitude": "18.416200",
            "description": "The shop counter where the wijk paper lies ready and notices go up.",
            "activities": "Pick up the printed wijk paper\nLeave a message for the editors",
            "accessibility": "Street-level entrance, narrow aisles.",
            "hours": [(d, "07:00", "20:00") for d in range(6)] + [(6, "08:00", "13:00")],
        },
    ],
    "fitzroy": [
        {
            "slug": "neighbourhood-house",
            "name": "Fitzroy Neighbourhood House",
            "kind": "community_centre",
            "address": "Brunswick Street 200, Fitzroy VIC",
            "latitude": "-37.799700",
            "longitude": "144.978300",
            "description": "Classes, a community lunch on Wednesdays and help with anything digital.",
            "activities": "Help with the platform and your phone\nCommunity lunch\nMeet a reporter",
            "accessibility": "Step-free entry from the laneway; accessible toilet.",
            "hours": [
                (0, "09:00", "17:00"),
                (1, "09:00", "17:00"),
                (2, "09:00", "20:00"),
                (3, "09:00", "17:00"),
                (4, "09:00", "15:00"),
            ],
        },
        {
            "slug": "library-corner",
            "name": "Library corner at the Town Hall",
            "kind": "library",
            "address": "Napier Street 128, Fitzroy VIC",
            "latitude": "-37.801200",
            "longitude": "144.980900",
            "description": "A table with a volunteer and a laptop in the library.",
            "activities": "Digital help desk\nRead the wijk paper",
            "accessibility": "Lift to the first floor; hearing loop at the desk.",
            "hours": [(1, "10:00", "13:00"), (4, "14:00", "17:00"), (5, "10:00", "12:00")],
        },
    ],
}


def populate(*, wijk, people):
    specs = POINTS.get(wijk.slug, [])
    for spec in specs:
        spec = dict(spec)
        weekly = spec.pop("hours")
        point, created = Point.objects.get_or_create(wijk=wijk, slug=spec.pop("slug"), defaults=spec)
        if created:
            for weekday, opens, closes in weekly:
                OpeningHours.objects.create(
                    wijk=wijk,
                    point=point,
                    weekday=weekday,
                    opens=T.fromisoformat(opens),
                    closes=T.fromisoformat(closes),
                )
            next_month = timezone.localdate(timezone=wijk.tz) + datetime.timedelta(days=21)
            OpeningException.objects.create(
                wijk=wijk,
                point=point,
                date=next_month,
                kind=OpeningException.Kind.CLOSED,
                note="Gesloten voor schilderwerk" if wijk.language == "nl" else "Closed for painting",
            )
        if "point_host" in people:
            PointHost.objects.get_or_create(wijk=wijk, point=point, user=people["point_host"])
