# ruff: noqa: E501 - prose of the demo stories
"""Demo stories: three published per wijk in its language, one in review, one story idea. Idempotent."""

import datetime

from django.utils import timezone

from .models import Pitch, Revision, Story, Transition

STORIES = {
    "oude-noorden": [
        (
            "Veertig nieuwe bomen langs het Noorderkanaal",
            "Zaterdagochtend plantten buren samen veertig bomen langs het water. De jongste planter was zes.",
            "Het begon met een idee op de bewonersavond: *kan het kanaal niet wat groener?*\n\n"
            "Een half jaar later stonden er veertig buren met een schep klaar. De gemeente leverde de bomen, "
            "de Huis van de Wijk zorgde voor koffie en de kinderen van de Vierambachtsschool maakten naambordjes.\n\n"
            "**Wil je een boom adopteren?** Meld je bij het Punt aan de Zwaanshals: je krijgt een gieter en een "
            "bordje met je naam.",
            "groen, kanaal, buurtactie",
        ),
        (
            "Bakkerij Van der Meer bestaat vijftig jaar",
            "Sinds 1976 ruikt de Bergweg elke ochtend naar vers brood. Een gesprek met drie generaties bakkers.",
            "Opa Henk begon met één oven en een fiets met bakfiets. Nu staat kleindochter Esra om vier uur 's "
            'ochtends in de bakkerij.\n\n"De wijk is veranderd, maar het ontbijt niet," lacht ze. Op zaterdag '
            "trakteert de bakkerij iedereen op een krentenbol.",
            "ondernemers, geschiedenis",
        ),
        (
            "Repair Café zoekt handige buren",
            "Elke eerste zaterdag van de maand repareren buren samen lampen, fietsen en kleding.",
            "In het Repair Café gooien we minder weg en leren we van elkaar. Er is vooral behoefte aan mensen die "
            "kunnen solderen of naaien.\n\n- Eerste zaterdag van de maand\n- 10.00 tot 13.00 uur\n- Huis van de Wijk",
            "duurzaam, vrijwilligers",
        ),
    ],
    "bo-kaap": [
        (
            "Painting the steps of Wale Street together",
            "Thirty neighbours gave the old steps a fresh coat of colour on Heritage Day.",
            "The paint was donated by a local hardware store and the colours were chosen by the children of the "
            "street.\n\nNext up: the benches at the top of the hill. **Bring a brush!**",
            "heritage, colour",
        ),
        (
            "Koesisters every Sunday at Auntie Mariam's",
            "For forty years Mariam Isaacs has sold koesisters from her front window. We asked her the secret.",
            '"Patience, and good coconut," she says. Every Sunday the queue starts at seven.\n\n'
            "Mariam now teaches her recipe to young people of the wijk on the first Saturday of the month.",
            "food, neighbours",
        ),
        (
            "A new reading corner at the community centre",
            "Donated books and a comfortable couch: the reading corner opens every weekday afternoon.",
            "Children can read after school and borrow two books a week. Volunteers read aloud on Wednesdays.\n\n"
            "Have books to give? Drop them at the Bo-Kaap Community Centre.",
            "children, reading",
        ),
    ],
    "fitzroy": [
        (
            "The community garden harvest festival",
            "Tomatoes, pumpkins and a long table down the laneway: the garden fed a hundred neighbours.",
            "Every plot holder brought something to the table. The Fitzroy Neighbourhood House baked bread and "
            "the primary school choir sang.\n\nPlots for next season open in March.",
            "garden, food",
        ),
        (
            "Tool library lends its thousandth drill",
            "Since it opened two years ago the tool library has saved neighbours a small fortune.",
            "Why buy a drill you use twice a year? Members borrow ladders, sanders and even a pressure washer.\n\n"
            "**Membership is free** for residents of Fitzroy.",
            "sharing, sustainability",
        ),
        (
            "Meet the lollipop lady of Brunswick Street",
            "For twenty years Val has helped children cross the road safely, rain or shine.",
            'She knows every child by name and most of their dogs. "It\'s the best job in Melbourne," she says.',
            "people, school",
        ),
    ],
}

IN_REVIEW = {
    "nl": (
        "Nieuw speeltuintje bij de Zaagmolenkade",
        "Buren willen een speelplek op het braakliggende stuk grond.",
        "Er is een handtekeningenactie gestart. De redactie zoekt nog een foto.",
    ),
    "en": (
        "A new playground on the empty corner",
        "Neighbours want a place to play on the empty lot.",
        "A petition has started. The editors are still looking for a photo.",
    ),
}

PITCH = {
    "nl": (
        "De oudste bewoner van de wijk",
        "Mevrouw De Bruin wordt honderd en woont hier al haar hele leven.",
    ),
    "en": ("The oldest resident of the wijk", "Mrs Brown turns one hundred and has lived here all her life."),
}


def populate(*, wijk, people):
    reporter, editor = people["reporter"], people["editor"]
    language = "nl" if wijk.language == "nl" else "en"
    now = timezone.now()
    for days_ago, (title, lead, body, tags) in zip((2, 6, 11), STORIES.get(wijk.slug, STORIES["fitzroy"]), strict=True):
        story, created = Story.objects.in_wijk(wijk).get_or_create(
            wijk=wijk,
            title=title,
            defaults={
                "lead": lead,
                "body": body,
                "tags": tags,
                "language": language,
                "reporter": reporter,
                "editor": editor,
                "status": Story.Status.PUBLISHED,
                "published_at": now - datetime.timedelta(days=days_ago),
            },
        )
        if created:
            Revision.objects.create(wijk=wijk, story=story, number=1, title=title, lead=lead, body=body, by=reporter)
            Transition.objects.create(
                wijk=wijk,
                story=story,
                action="publish",
                from_status=Story.Status.APPROVED,
                to_status=Story.Status.PUBLISHED,
                by=editor,
            )
    title, lead, body = IN_REVIEW[language]
    story, created = Story.objects.in_wijk(wijk).get_or_create(
        wijk=wijk,
        title=title,
        defaults={
            "lead": lead,
            "body": body,
            "language": language,
            "reporter": reporter,
            "editor": editor,
            "status": Story.Status.IN_REVIEW,
            "planned_for": timezone.localdate() + datetime.timedelta(days=3),
        },
    )
    if created:
        Revision.objects.create(wijk=wijk, story=story, number=1, title=title, lead=lead, body=body, by=reporter)
        Transition.objects.create(
            wijk=wijk,
            story=story,
            action="submit",
            from_status=Story.Status.DRAFT,
            to_status=Story.Status.SUBMITTED,
            by=reporter,
        )
        Transition.objects.create(
            wijk=wijk,
            story=story,
            action="claim",
            from_status=Story.Status.SUBMITTED,
            to_status=Story.Status.IN_REVIEW,
            by=editor,
        )
    title, summary = PITCH[language]
    Pitch.objects.in_wijk(wijk).get_or_create(
        wijk=wijk, title=title, defaults={"summary": summary, "by": people["resident"]}
    )
