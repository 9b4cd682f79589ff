"""Demo content of the Academy. The Academy is global: `populate` runs once per demo wijk, so the courses, the
knowledge bank and the pilot are made with get_or_create (once); each wijk gets its own cohort."""

import datetime

from django.db import transaction

from .models import Choice, Cohort, Course, Enrolment, KnowledgeEntry, Lesson, Module, Pilot, Question, Quiz

# (slug, language, title, summary, audiences, role, modules)
# modules: [(title, [(lesson title, body)], (quiz title, [(question, kind, [(answer, correct, feedback)])]))]
COURSES = [
    (
        "wijkreporter-je-eerste-verhaal",
        "nl",
        "Wijkreporter: je eerste verhaal",
        "Van idee tot gepubliceerd verhaal over je eigen buurt, in vier korte lessen.",
        ["volunteers", "residents", "students"],
        "reporter",
        [
            (
                "Een verhaal vinden",
                [
                    (
                        "Wat is nieuws in de wijk?",
                        "Nieuws is wat je buren raakt: een nieuwe bakker, een bankje dat "
                        "weg is, de moestuin die oogst.\n\n"
                        "**Opdracht:** schrijf drie dingen op die je deze week zag.",
                    ),
                    (
                        "Met mensen praten",
                        "Vraag altijd of iemand genoemd wil worden. Noteer namen goed en lees citaten terug.",
                    ),
                ],
                (
                    "Check: een verhaal vinden",
                    [
                        (
                            "Wat doe je voordat je iemand citeert?",
                            "single",
                            [
                                (
                                    "Ik vraag toestemming en lees het citaat terug",
                                    True,
                                    "Precies: zo blijft het vertrouwen.",
                                ),
                                (
                                    "Niets, het is toch positief",
                                    False,
                                    "Ook bij positieve verhalen vraag je toestemming.",
                                ),
                            ],
                        ),
                        (
                            "Welke onderwerpen passen bij de wijkkrant?",
                            "multiple",
                            [
                                ("De nieuwe buurtmoestuin", True, "Ja, dichtbij en herkenbaar."),
                                (
                                    "Een ruzie tussen twee buren",
                                    False,
                                    "Dat hoort niet in een positief wijkplatform.",
                                ),
                                (
                                    "De opening van de LikeJeWijk Point",
                                    True,
                                    "Ja, daar willen buren van weten.",
                                ),
                            ],
                        ),
                    ],
                ),
            ),
            (
                "Schrijven en insturen",
                [
                    ("De eerste zin", "Begin met het belangrijkste: wie, wat, waar. Houd zinnen kort."),
                    (
                        "Insturen bij de wijkredactie",
                        "Je verhaal gaat naar de wijkredactie. Zij lezen mee, stellen vragen en plannen de publicatie.",
                    ),
                ],
                None,
            ),
        ],
    ),
    (
        "neighbourhood-reporter-your-first-story",
        "en",
        "Neighbourhood reporter: your first story",
        "From idea to published story about your own neighbourhood, in four short lessons.",
        ["volunteers", "residents", "students"],
        "reporter",
        [
            (
                "Finding a story",
                [
                    (
                        "What is news in the wijk?",
                        "News is what touches your neighbours: a new bakery, a bench that "
                        "disappeared, the community garden's harvest.\n\n"
                        "**Task:** write down three things you saw this week.",
                    ),
                    (
                        "Talking to people",
                        "Always ask whether someone wants to be named. Write names down carefully "
                        "and read quotes back.",
                    ),
                ],
                (
                    "Check: finding a story",
                    [
                        (
                            "What do you do before you quote someone?",
                            "single",
                            [
                                (
                                    "I ask permission and read the quote back",
                                    True,
                                    "Exactly: that keeps trust.",
                                ),
                                (
                                    "Nothing, it is a positive story anyway",
                                    False,
                                    "Positive stories need permission too.",
                                ),
                            ],
                        ),
                        (
                            "Which topics fit the wijk paper?",
                            "multiple",
                            [
                                ("The new community garden", True, "Yes, close by and recognisable."),
                                (
                                    "A quarrel between two neighbours",
                                    False,
                                    "That does not belong on a positive platform.",
                                ),
                                (
                                    "The opening of the LikeJeWijk Point",
                                    True,
                                    "Yes, neighbours want to know.",
                                ),
                            ],
                        ),
                    ],
                ),
            ),
            (
                "Writing and submitting",
                [
                    (
                        "The first sentence",
                        "Start with what matters most: who, what, where. Keep sentences short.",
                    ),
                    (
                        "Submitting to the editors",
                        "Your story goes to the wijk's editorial board. They read along, "
                        "ask questions and plan publication.",
                    ),
                ],
                None,
            ),
        ],
    ),
    (
        "digitale-hulp-bij-een-likejewijk-point",
        "nl",
        "Digitale hulp bij een LikeJeWijk Point",
        "Buren helpen met hun telefoon, DigiD en het wijkplatform: geduldig, veilig en zonder over te nemen.",
        ["volunteers", "partners", "professionals"],
        "point_host",
        [
            (
                "Gastvrij helpen",
                [
                    (
                        "Naast iemand zitten, niet ervoor",
                        "Laat de ander zelf tikken. Jij legt uit, zij doen het.",
                    ),
                    (
                        "Privacy bij de Point",
                        "Vraag nooit naar wachtwoorden. Laat iemand zelf inloggen en kijk weg.",
                    ),
                ],
                (
                    "Check: gastvrij helpen",
                    [
                        (
                            "Iemand geeft je zijn wachtwoord. Wat doe je?",
                            "single",
                            [
                                (
                                    "Ik vraag hem het zelf in te typen",
                                    True,
                                    "Goed: het wachtwoord blijft van hem.",
                                ),
                                ("Ik schrijf het op voor later", False, "Nooit opschrijven of bewaren."),
                            ],
                        ),
                    ],
                ),
            ),
            (
                "Namens iemand plaatsen",
                [
                    (
                        "Een bericht plaatsen voor een buur",
                        "Met de rol Point-host kun je een bericht plaatsen voor "
                        "iemand die niet online is. Lees het bericht samen terug voordat je het plaatst.",
                    ),
                ],
                None,
            ),
        ],
    ),
    (
        "digital-help-at-a-likejewijk-point",
        "en",
        "Digital help at a LikeJeWijk Point",
        "Helping neighbours with their phone, online services and the wijk platform: patient, safe and "
        "without taking over.",
        ["volunteers", "partners", "professionals"],
        "point_host",
        [
            (
                "Helping as a host",
                [
                    ("Sit beside someone, not in front", "Let them tap themselves. You explain, they do it."),
                    (
                        "Privacy at the Point",
                        "Never ask for passwords. Let people log in themselves and look away.",
                    ),
                ],
                (
                    "Check: helping as a host",
                    [
                        (
                            "Someone tells you their password. What do you do?",
                            "single",
                            [
                                (
                                    "I ask them to type it themselves",
                                    True,
                                    "Good: the password stays theirs.",
                                ),
                                ("I write it down for later", False, "Never write down or keep passwords."),
                            ],
                        ),
                    ],
                ),
            ),
            (
                "Posting for someone",
                [
                    (
                        "Placing a post for a neighbour",
                        "As a Point host you can place a post for someone who is not "
                        "online. Read it back together before you post it.",
                    ),
                ],
                None,
            ),
        ],
    ),
    (
        "basis-communitymanagement",
        "nl",
        "Basis communitymanagement",
        "Een levendige, vriendelijke wijkgemeenschap online: welkom heten, aanmoedigen en modereren.",
        ["volunteers", "partners", "professionals", "students"],
        "editor",
        [
            (
                "Welkom en ritme",
                [
                    (
                        "Nieuwe buren welkom heten",
                        "Reageer binnen een dag op een eerste bericht. Een bedankje of vraag terug maakt het verschil.",
                    ),
                    (
                        "Een vast ritme",
                        "Een wekelijkse vraag van de week of een vaste agenda-update houdt de wijk levendig.",
                    ),
                ],
                (
                    "Check: welkom en ritme",
                    [
                        (
                            "Wat helpt een nieuw lid het meest?",
                            "single",
                            [
                                (
                                    "Een snelle, persoonlijke reactie",
                                    True,
                                    "Ja: wie antwoord krijgt, komt terug.",
                                ),
                                (
                                    "Een lange lijst met regels",
                                    False,
                                    "Regels zijn nodig, maar eerst welkom.",
                                ),
                            ],
                        ),
                    ],
                ),
            ),
            (
                "Modereren met aandacht",
                [
                    (
                        "Melden en beslissen",
                        "Lees een melding, kijk naar de richtlijnen van de wijk en leg je besluit vriendelijk uit.",
                    ),
                ],
                None,
            ),
        ],
    ),
    (
        "community-management-basics",
        "en",
        "Community management basics",
        "A lively, friendly neighbourhood community online: welcoming, encouraging and moderating.",
        ["volunteers", "partners", "professionals", "students"],
        "editor",
        [
            (
                "Welcome and rhythm",
                [
                    (
                        "Welcoming new neighbours",
                        "Reply to a first post within a day. A thank-you or a question back makes the difference.",
                    ),
                    (
                        "A steady rhythm",
                        "A weekly question of the week or a regular agenda update keeps the wijk alive.",
                    ),
                ],
                (
                    "Check: welcome and rhythm",
                    [
                        (
                            "What helps a new member most?",
                            "single",
                            [
                                ("A quick, personal reply", True, "Yes: people who get an answer come back."),
                                ("A long list of rules", False, "Rules are needed, but welcome first."),
                            ],
                        ),
                    ],
                ),
            ),
            (
                "Moderating with care",
                [
                    (
                        "Reports and decisions",
                        "Read a report, check the wijk's guidelines and explain your decision kindly.",
                    ),
                ],
                None,
            ),
        ],
    ),
]

KNOWLEDGE = [
    {
        "slug": "buurtkamer-oude-noorden",
        "kind": "case_study",
        "theme": "community",
        "language": "nl",
        "title": "De buurtkamer als ontmoetingsplek",
        "summary": "Hoe een leeg winkelpand een plek werd waar buren elkaar wekelijks treffen.",
        "goal": "Eenzaamheid onder oudere buren verminderen.",
        "target_group": "Ouderen en nieuwe bewoners",
        "approach": "Elke dinsdag en vrijdag open inloop met koffie, een LikeJeWijk Point en een prikbord.",
        "partners": "Huis van de Wijk, woningcorporatie",
        "results": "Gemiddeld 25 bezoekers per inloop.",
        "lessons_learned": "Vaste tijden werken beter dan losse afspraken.",
        "completeness": "complete",
        "wijk_slug": "oude-noorden",
    },
    {
        "slug": "story-circles",
        "kind": "method",
        "theme": "cross_media",
        "language": "en",
        "title": "Story circles",
        "summary": "A method to collect neighbourhood stories in small groups.",
        "body": "Sit in a circle of five to eight people. Each person tells a short story on one theme; the "
        "wijkreporter writes down, with permission, what stands out.",
        "goal": "Collect stories that would otherwise stay untold.",
        "target_group": "Residents of all ages",
        "approach": "Groups of 5–8, 90 minutes, one theme per circle.",
        "completeness": "partial",
    },
    {
        "slug": "vraag-van-de-week",
        "kind": "method",
        "theme": "participation",
        "language": "nl",
        "title": "De vraag van de week",
        "summary": "Elke maandag één open vraag in de feed: laagdrempelig meedoen.",
        "approach": 'Stel een korte, positieve vraag ("Wat is jouw favoriete plek in de wijk?").',
        "results": "Twee tot drie keer meer reacties dan gewone berichten.",
        "completeness": "partial",
    },
    {
        "slug": "print-and-online-wijk-paper",
        "kind": "article",
        "theme": "cross_media",
        "language": "en",
        "title": "Print and online: one wijk paper, two audiences",
        "summary": "Why a printed wijk paper still matters next to the online platform, and how to make both.",
        "body": "Not every neighbour is online. A printed paper, made from the same stories, "
        "reaches them at the "
        "Point, the library and the doctor's waiting room.",
        "completeness": "outline",
    },
    {
        "slug": "fitzroy-tool-library",
        "kind": "case_study",
        "theme": "participation",
        "language": "en",
        "title": "The Fitzroy tool library",
        "summary": "Neighbours lend drills, ladders and garden tools to each other.",
        "goal": "Share rarely used tools and meet neighbours.",
        "target_group": "Households and renters",
        "approach": "A shared list on the platform, pick-up at the Neighbourhood House on Saturdays.",
        "partners": "Fitzroy Neighbourhood House",
        "results": "140 loans in the first six months.",
        "lessons_learned": "A fixed pick-up moment avoids missed appointments.",
        "completeness": "complete",
        "wijk_slug": "fitzroy",
    },
]


def _course(spec):
    slug, language, title, summary, audiences, role, modules = spec
    course, created = Course.objects.get_or_create(
        slug=slug,
        defaults={
            "language": language,
            "title": title,
            "summary": summary,
            "audiences": audiences,
            "role": role,
            "is_published": True,
            "description": summary,
        },
    )
    if not created:
        return course
    for order, (module_title, lessons, quiz_spec) in enumerate(modules, start=1):
        module = Module.objects.create(course=course, title=module_title, order=order)
        for lesson_order, (lesson_title, body) in enumerate(lessons, start=1):
            Lesson.objects.create(module=module, title=lesson_title, body=body, order=lesson_order)
        if quiz_spec:
            quiz_title, questions = quiz_spec
            quiz = Quiz.objects.create(module=module, title=quiz_title, pass_mark=60)
            for q_order, (text, kind, answers) in enumerate(questions, start=1):
                question = Question.objects.create(quiz=quiz, text=text, kind=kind, order=q_order)
                for answer, correct, feedback in answers:
                    Choice.objects.create(question=question, text=answer, is_correct=correct, feedback=feedback)
    return course


def _global_content():
    from wijkplatform.wijken.models import Wijk

    courses = {spec[0]: _course(spec) for spec in COURSES}
    basics = courses["community-management-basics"]
    if not basics.prerequisites.exists():
        basics.prerequisites.add(courses["neighbourhood-reporter-your-first-story"])
    for spec in KNOWLEDGE:
        spec = dict(spec)
        wijk_slug = spec.pop("wijk_slug", None)
        spec["wijk"] = Wijk.objects.filter(slug=wijk_slug).first() if wijk_slug else None
        KnowledgeEntry.objects.get_or_create(slug=spec.pop("slug"), defaults=spec)
    pilot, created = Pilot.objects.get_or_create(
        slug="likejewijk-points-pilot",
        defaults={
            "title": "LikeJeWijk Points: digital help close to home",
            "question": "Do residents who are rarely online take part more when there is a staffed Point nearby?",
            "partners": "Huis van de Wijk, Bo-Kaap Community Centre, Fitzroy Neighbourhood House",
            "starts_on": datetime.date(2026, 3, 1),
            "ends_on": datetime.date(2026, 12, 31),
            "measures": "Posts placed at a Point, help-desk tickets, RSVPs and new members per month.",
            "results": "Interim: posts placed via Points doubled between March and September.",
            "lessons": "Fixed opening hours and a familiar host matter more than the equipment.",
        },
    )
    return courses, pilot


def populate(*, wijk, people):
    with transaction.atomic():
        courses, pilot = _global_content()
        pilot.wijken.add(wijk)
        language = "nl" if wijk.language == "nl" else "en"
        point_course = courses[
            "digitale-hulp-bij-een-likejewijk-point" if language == "nl" else "digital-help-at-a-likejewijk-point"
        ]
        name = f"Point-hosts {wijk.name}" if language == "nl" else f"Point hosts {wijk.name}"
        cohort, _created = Cohort.objects.get_or_create(name=name, course=point_course, defaults={"wijk": wijk})
        cohort.coaches.add(people["coordinator"])
        Enrolment.objects.get_or_create(user=people["point_host"], course=point_course, defaults={"cohort": cohort})
        reporter_course = courses[
            "wijkreporter-je-eerste-verhaal" if language == "nl" else "neighbourhood-reporter-your-first-story"
        ]
        enrolment, created = Enrolment.objects.get_or_create(user=people["reporter"], course=reporter_course)
        if created:
            _finish(enrolment)


def _finish(enrolment):
    """The demo reporter completed the reporter course: done through the services, certificate included."""
    from . import services
    from .progress import course_progress

    for module in course_progress(enrolment.course, enrolment).modules:
        for lesson, _done in module.lessons:
            services.lesson_complete(enrolment=enrolment, lesson=lesson)
        if module.quiz:
            answers = {q.pk: [c.pk for c in q.choices.all() if c.is_correct] for q in module.quiz.questions.all()}
            services.quiz_submit(enrolment=enrolment, quiz=module.quiz, answers=answers, attempt=1)
