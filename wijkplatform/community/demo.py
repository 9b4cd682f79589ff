"""Demo content of the feed and initiatives for the demo wijken (idempotent)."""

from datetime import timedelta

from django.utils import timezone

from .models import (
    Comment,
    Initiative,
    InitiativeSupport,
    InitiativeTask,
    InitiativeUpdate,
    Like,
    Post,
    TaskVolunteer,
)
from .services import _index_initiative, _index_post

# (author role, kind, category, audience, hours ago, text, [(commenter role, text)], [likers])
NL_POSTS = [
    (
        "coordinator",
        "message",
        "general",
        "public",
        2,
        "Welkom op het nieuwe buurtplatform van het **Oude Noorden**! Stel je voor, deel "
        "tips en help elkaar. "
        "Vragen? Kom langs bij het LikeJeWijk Punt in de bibliotheek aan de Bergweg.",
        [("resident", "Wat fijn! Ik woon hier al twintig jaar en kende bijna niemand in mijn straat.")],
        ["resident", "point_host", "reporter"],
    ),
    (
        "resident",
        "request",
        "neighbours",
        "public",
        5,
        "Wie kan mij zaterdag helpen een kast naar de derde verdieping te tillen? Ik woon aan de Zwaanshals. "
        "Koffie en appeltaart staan klaar!",
        [("tech_helper", "Ik kan om 11 uur, lukt dat?"), ("resident", "Perfect, tot zaterdag!")],
        ["partner"],
    ),
    (
        "tech_helper",
        "offer",
        "neighbours",
        "public",
        9,
        "Hulp nodig met je telefoon of laptop? Elke woensdagmiddag zit ik van 14 tot 16 "
        "uur in het Huis van de "
        "Wijk. Gratis, en er zijn geen domme vragen.",
        [
            (
                "point_host",
                "Ik stuur mevrouw Pauw naar je toe, ze wil leren videobellen met haar kleinkinderen.",
            )
        ],
        ["resident", "coordinator"],
    ),
    (
        "resident",
        "thanks",
        "neighbours",
        "public",
        20,
        "Een groot dankjewel aan **Mehmet** die mijn fietsband plakte toen ik haast had voor mijn werk. "
        "Zo fijn dat buren dit voor elkaar doen!",
        [],
        ["tech_helper", "editor", "coordinator", "point_host"],
    ),
    (
        "partner",
        "volunteers",
        "culture",
        "public",
        30,
        "Het Huis van de Wijk zoekt vrijwilligers voor de kookavond op donderdag. Samen koken voor 40 buren, "
        "van soep tot baklava. Meld je aan in de reacties!",
        [("reporter", "Ik help graag mee met de afwas en maak een paar foto's voor het wijkkrantje.")],
        [],
    ),
    (
        "point_host",
        "give_away",
        "market",
        "public",
        44,
        "Af te halen bij het LikeJeWijk Punt: een kinderfiets (6-8 jaar), een wasrek en twee dozen "
        "kinderboeken. Gratis voor wie het kan gebruiken.",
        [],
        ["resident"],
    ),
    (
        "reporter",
        "tip",
        "green",
        "public",
        60,
        "Tip: de gemeente haalt grofvuil gratis op als je het online aanmeldt. Zet het pas de avond ervoor "
        "buiten, dan blijft de stoep netjes.",
        [],
        ["coordinator"],
    ),
    (
        "editor",
        "question",
        "safety",
        "members",
        72,
        "Weet iemand waarom de lantaarnpaal op de hoek van de Bergweg en de "
        "Teilingerstraat al een week uit is? "
        "Ik heb het gemeld, maar misschien zijn er meer meldingen nodig.",
        [("resident", "Ik heb het ook gemeld. Hoe meer meldingen, hoe sneller ze komen, zeggen ze.")],
        [],
    ),
    (
        "resident",
        "thanks",
        "culture",
        "public",
        96,
        "Dank aan het **Huis van de Wijk** voor de gezellige buurtmaaltijd van gisteren. "
        "Mijn kinderen praten "
        "nog steeds over de poppenkast!",
        [],
        ["partner", "point_host"],
    ),
]
NL_INITIATIVE = (
    "Opschoondag Zwaanshals",
    "Op de laatste zaterdag van de maand ruimen we samen de Zwaanshals en het Noorderkanaal op. "
    "Grijpers en vuilniszakken krijgen we van de gemeente. Daarna drinken we koffie "
    "bij het Huis van de Wijk.",
    "preparing",
    [
        ("Vuilniszakken en grijpers ophalen", 2),
        ("Koffie en thee zetten", 1),
        ("Flyers in de brievenbussen", 4),
    ],
    "De gemeente levert 30 grijpers. We starten om 10 uur bij de bibliotheek.",
)

BO_KAAP_POSTS = [
    (
        "coordinator",
        "message",
        "general",
        "public",
        3,
        "Welcome to the Bo-Kaap neighbourhood platform! Introduce yourself, share what is happening on your "
        "street and lend a hand where you can.",
        [("resident", "So good to see this. Salaam to all the neighbours on Wale Street!")],
        ["resident", "partner"],
    ),
    (
        "resident",
        "request",
        "neighbours",
        "public",
        6,
        "Could someone help my mother with her shopping on Thursdays? She lives on Rose "
        "Street and can no longer "
        "carry heavy bags up the hill.",
        [
            ("point_host", "I walk past on Thursday mornings, I will knock on her door."),
            ("resident", "Thank you Fatiema, she will have tea ready!"),
        ],
        ["coordinator"],
    ),
    (
        "partner",
        "offer",
        "children",
        "public",
        12,
        "The Bo-Kaap Community Centre offers free homework help for primary school children, Monday to "
        "Wednesday from 15:00. Bring a snack, we bring the patience.",
        [],
        ["resident", "reporter", "editor"],
    ),
    (
        "tech_helper",
        "offer",
        "neighbours",
        "public",
        26,
        "Struggling with load-shedding apps or WhatsApp groups? I help for free at the Point on Saturday mornings.",
        [],
        ["resident"],
    ),
    (
        "resident",
        "thanks",
        "culture",
        "public",
        34,
        "A big thank you to **Yusuf** and the Community Centre for the koesister morning. The whole street "
        "smelled of cinnamon!",
        [("partner", "It was our pleasure. Same time next month!")],
        ["partner", "coordinator", "point_host"],
    ),
    (
        "reporter",
        "tip",
        "culture",
        "public",
        50,
        "Tip: the Bo-Kaap Museum has free entry for residents on the first Sunday of the month. Great for "
        "visiting family.",
        [],
        ["resident"],
    ),
    (
        "point_host",
        "give_away",
        "market",
        "public",
        70,
        "To give away at the Point: a school uniform (grade 4), a kettle that works fine and a box of cookbooks.",
        [],
        [],
    ),
    (
        "editor",
        "question",
        "safety",
        "members",
        80,
        "Has anyone else noticed the broken paving on Chiappini Street near the mosque? Let's report it "
        "together so it gets fixed before someone falls.",
        [("resident", "Yes, I reported it last week.")],
        [],
    ),
    (
        "partner",
        "volunteers",
        "green",
        "public",
        100,
        "We need volunteers to paint the mural wall at the Community Centre. All ages welcome, paint provided.",
        [],
        ["resident", "reporter"],
    ),
]
BO_KAAP_INITIATIVE = (
    "Street clean-up and tea on Wale Street",
    "Once a month we clean the steps and gutters of Wale Street together and finish with tea at the "
    "Community Centre. Everyone is welcome, bring your children!",
    "running",
    [
        ("Collect gloves and bags from the Centre", 2),
        ("Make tea and samoosas", 2),
        ("Tell the neighbours", 3),
    ],
    "Thank you to the 25 neighbours who came last month. Next clean-up: the last Sunday of the month.",
)

FITZROY_POSTS = [
    (
        "coordinator",
        "message",
        "general",
        "public",
        2,
        "Welcome to the Fitzroy neighbourhood platform! Share what's on in your laneway, swap tools and meet "
        "the people next door.",
        [("resident", "Love this. Hello from Gertrude Street!")],
        ["resident"],
    ),
    (
        "resident",
        "request",
        "neighbours",
        "public",
        7,
        "Does anyone have a ladder I could borrow this weekend? Need to clear the gutters before the rain. "
        "Happy to return it with a batch of scones.",
        [("point_host", "I've got a 3-metre one, come grab it from the Neighbourhood House.")],
        ["tech_helper"],
    ),
    (
        "tech_helper",
        "offer",
        "neighbours",
        "public",
        15,
        "Offering free help with phones, tablets and MyGov accounts on Tuesday afternoons at the library. "
        "No question too small.",
        [],
        ["resident", "coordinator", "partner"],
    ),
    (
        "resident",
        "thanks",
        "green",
        "public",
        28,
        "Huge thanks to **Tom** for fixing the tap at the community garden. The tomatoes thank you too!",
        [("point_host", "Anytime, Grace!")],
        ["point_host", "editor", "coordinator"],
    ),
    (
        "partner",
        "volunteers",
        "culture",
        "public",
        40,
        "Fitzroy Neighbourhood House needs volunteers for Friday's community dinner. Cooking, setting up, or "
        "just a friendly face at the door.",
        [],
        ["resident"],
    ),
    (
        "point_host",
        "give_away",
        "market",
        "public",
        55,
        "Free to a good home: a kids' bike, a box of board games and some spare seedlings (basil and chilli).",
        [],
        ["resident"],
    ),
    (
        "reporter",
        "tip",
        "green",
        "public",
        66,
        "Tip: the council's hard rubbish collection for our side of Brunswick Street is booked online. Put "
        "things out the night before only.",
        [],
        [],
    ),
    (
        "editor",
        "question",
        "safety",
        "members",
        90,
        "Has anyone noticed the streetlight out on Rose Street near the laneway? Reported it, but more reports help.",
        [],
        [],
    ),
]
FITZROY_INITIATIVE = (
    "Laneway garden on Little George Street",
    "Let's turn the bare strip along Little George Street into a laneway garden with herbs and native "
    "plants. The council supports it if we look after it together.",
    "idea",
    [("Ask the council for planter boxes", 1), ("Build the planter boxes", 4), ("Watering roster", 6)],
    "",
)

CONTENT = {
    "oude-noorden": (NL_POSTS, NL_INITIATIVE),
    "bo-kaap": (BO_KAAP_POSTS, BO_KAAP_INITIATIVE),
    "fitzroy": (FITZROY_POSTS, FITZROY_INITIATIVE),
}


def populate(*, wijk, people):
    posts, initiative_spec = CONTENT.get(wijk.slug) or (
        NL_POSTS if wijk.language == "nl" else FITZROY_POSTS,
        NL_INITIATIVE if wijk.language == "nl" else FITZROY_INITIATIVE,
    )
    now = timezone.now()
    for role, kind, category, audience, hours, text, comments, likers in posts:
        author = people[role]
        post, created = Post.objects.in_wijk(wijk).get_or_create(
            wijk=wijk,
            author=author,
            text=text,
            defaults={"kind": kind, "category": category, "audience": audience},
        )
        if created:
            Post.objects.in_wijk(wijk).filter(pk=post.pk).update(created_at=now - timedelta(hours=hours))
            post.created_at = now - timedelta(hours=hours)
            for n, (commenter, comment_text) in enumerate(comments):
                comment = Comment.objects.create(wijk=wijk, post=post, author=people[commenter], text=comment_text)
                Comment.objects.in_wijk(wijk).filter(pk=comment.pk).update(
                    created_at=post.created_at + timedelta(minutes=20 * (n + 1))
                )
            for liker in likers:
                Like.objects.get_or_create(wijk=wijk, post=post, user=people[liker])
            _index_post(post)
    title, description, status, tasks, update = initiative_spec
    initiative, created = Initiative.objects.in_wijk(wijk).get_or_create(
        wijk=wijk,
        title=title,
        defaults={"description": description, "status": status, "author": people["resident"]},
    )
    if created:
        for supporter in ("resident", "point_host", "partner", "coordinator"):
            InitiativeSupport.objects.get_or_create(wijk=wijk, initiative=initiative, user=people[supporter])
        for n, (task_title, needed) in enumerate(tasks):
            task = InitiativeTask.objects.create(wijk=wijk, initiative=initiative, title=task_title, needed=needed)
            if n == 0:
                TaskVolunteer.objects.create(wijk=wijk, task=task, user=people["point_host"])
        if update:
            InitiativeUpdate.objects.create(wijk=wijk, initiative=initiative, author=people["resident"], text=update)
        _index_initiative(initiative)
