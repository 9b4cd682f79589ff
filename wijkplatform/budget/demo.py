"""Demo content: a budget round in its voting phase, with plans and a few ballots."""

from decimal import Decimal

from .models import Ballot, BallotPick, Plan, Round

ROUNDS = {
    "nl": (
        "Groen Noorden 2027",
        "Woonstad Rotterdam en de gemeente stellen €10.000 beschikbaar voor plannen van "
        "bewoners die de wijk groener en gezelliger maken.",
        "EUR",
        Decimal("10000"),
        [
            (
                "Geveltuinen in de Bergweg",
                "Twintig geveltuintjes met klimplanten, samen aangelegd op een zaterdag.",
                Decimal("3500"),
                True,
            ),
            (
                "Bankjes langs het Noorderkanaal",
                "Vier bankjes zodat ouderen onderweg kunnen uitrusten.",
                Decimal("4800"),
                True,
            ),
            (
                "Moestuin op het Zwaanshals-pleintje",
                "Bakken met groente en kruiden, verzorgd door buren.",
                Decimal("2600"),
                True,
            ),
            ("Een overdekt zwembad", "Een zwembad voor de hele wijk.", Decimal("9900"), False),
        ],
    ),
    "en": (
        "Green streets 2027",
        "The city council sets aside an amount for residents' plans that make the "
        "neighbourhood greener and friendlier.",
        "ZAR",
        Decimal("150000"),
        [
            (
                "Street trees on the corner",
                "Six shade trees, planted and watered by neighbours.",
                Decimal("60000"),
                True,
            ),
            (
                "Benches at the community garden",
                "Three benches so older neighbours can rest.",
                Decimal("45000"),
                True,
            ),
            (
                "A mural by local youth",
                "A wall painting designed in workshops with young people.",
                Decimal("40000"),
                True,
            ),
            ("A new stadium", "A sports stadium for the whole city.", Decimal("149000"), False),
        ],
    ),
}


def populate(*, wijk, people):
    title, description, currency, amount, plans = ROUNDS.get(wijk.language, ROUNDS["en"])
    if wijk.country == "AU":
        currency, amount = "AUD", Decimal("12000")
        plans = [(t, d, (c / Decimal("12.5")).quantize(Decimal("1")), f) for t, d, c, f in plans]
    round, created = Round.objects.in_wijk(wijk).get_or_create(
        wijk=wijk,
        title=title,
        defaults={
            "description": description,
            "amount": amount,
            "currency": currency,
            "phase": Round.Phase.VOTING,
            "opened_by": people["coordinator"],
        },
    )
    if not created:
        return
    submitters = ["resident", "point_host", "partner", "reporter"]
    made = []
    for (plan_title, plan_description, cost, feasible), role in zip(plans, submitters, strict=True):
        made.append(
            Plan.objects.create(
                wijk=wijk,
                round=round,
                title=plan_title,
                description=plan_description,
                cost=cost,
                submitted_by=people[role],
                reviewed_by=people["coordinator"],
                status=Plan.Status.FEASIBLE if feasible else Plan.Status.INFEASIBLE,
                review_reason=""
                if feasible
                else (
                    "Past niet in het budget van deze ronde."
                    if wijk.language == "nl"
                    else "Far beyond what this round can pay for."
                ),
            )
        )
    for role, picks in (("resident", [0, 2]), ("point_host", [1, 2]), ("tech_helper", [0, 1])):
        chosen = [made[i] for i in picks]
        if sum(p.cost for p in chosen) > amount:
            chosen = chosen[:1]
        ballot = Ballot.objects.create(wijk=wijk, round=round, voter=people[role], total=sum(p.cost for p in chosen))
        BallotPick.objects.bulk_create([BallotPick(wijk=wijk, ballot=ballot, plan=p) for p in chosen])
