"""The results of a closed round as charts (votes per plan with the winners marked; the money against the budget
line), drawn on the server as accessible inline SVG, with the results table kept beside them."""

import re

from django.urls import reverse

from wijkplatform.budget import services
from wijkplatform.budget.models import Plan, Round
from wijkplatform.core.testing.factories import member

from .factories import PlanFactory, RoundFactory


def url(name, wijk, **kwargs):
    return reverse(f"budget:{name}", kwargs={"wijk_slug": wijk.slug, **kwargs})


def closed_round(wijk, coordinator):
    round = RoundFactory(wijk=wijk, amount=1000, phase=Round.Phase.VOTING, title="Groen Noorden")
    big = PlanFactory(wijk=wijk, round=round, cost=700, title="Big")
    mid = PlanFactory(wijk=wijk, round=round, cost=400, title="Mid")
    small = PlanFactory(wijk=wijk, round=round, cost=200, title="Small")
    PlanFactory(wijk=wijk, round=round, cost=50, title="Nobody wants")
    voters = [member(wijk) for _ in range(4)]
    for voter in voters[:3]:
        services.ballot_set(wijk=wijk, round=round, plan_ids=[big.pk, small.pk], by=voter)
    services.ballot_set(wijk=wijk, round=round, plan_ids=[mid.pk], by=voters[3])
    return services.round_close(wijk=wijk, round=round, by=coordinator)


def svgs(page):
    return re.findall(r"<svg\b.*?</svg>", page, re.DOTALL)


def test_results_page_shows_votes_per_plan_as_a_chart_with_the_winners_marked(client, wijk, coordinator, alice):
    round = closed_round(wijk, coordinator)
    assert {p.title: (p.votes, p.won) for p in Plan.objects.in_wijk(wijk)} == {
        "Big": (3, True),
        "Small": (3, True),
        "Mid": (1, False),
        "Nobody wants": (0, False),
    }
    client.force_login(alice)
    page = client.get(url("round", wijk, pk=round.pk)).content.decode()
    votes, budget = svgs(page)

    # Accessible: an image with a name and a description; safe for the strict CSP; the wijk's colour variable.
    assert f'role="img" aria-labelledby="budget-votes-{round.pk}-title budget-votes-{round.pk}-desc"' in votes
    assert f'<title id="budget-votes-{round.pk}-title">Votes per plan</title>' in votes
    assert "the winning plans are marked with ✓" in votes
    assert "<script" not in votes and ' style="' not in votes and '<style nonce="' in votes
    assert "fill:var(--wijk-colour)" in votes
    assert 'viewBox="0 0 360 ' in votes  # drawn for a 360 px wide phone

    # Each plan's count; the winners with ✓ and a full-colour bar, the others pale.
    def row(label, count, won):
        mark = ' class="bc-mark"' if won else ""
        return f'<text x="0" y="17"{mark}>{"✓ " if won else ""}{label}</text>\n  <text x="360" y="17" text-anchor="end"{mark}>{count}</text>'

    assert row("Big", 3, True) in votes and row("Small", 3, True) in votes
    assert row("Mid", 1, False) in votes and row("Nobody wants", 0, False) in votes
    assert votes.count('class="bc-bar"') == 2 + 1  # two winners and the legend's swatch
    assert 'width="356" class="bc-bar"' in votes  # 3 votes: the full width
    assert 'width="119" class="bc-muted"' in votes  # 1 vote of 3
    assert "✓ Won</text>" in votes and "Not chosen</text>" in votes

    # The money: what the winners use, what all plans would cost, and the budget line at 1000 of 1350.
    assert "The winning plans use EUR 900.00 of the budget of EUR 1,000.00." in budget
    assert "All plans put to the vote together cost EUR 1,350.00." in budget
    assert "Budget: EUR 1,000.00</text>" in budget
    assert budget.count('<line x1="266" x2="266"') == 2  # across both bars: 1000 / 1350 of 356, from x = 2

    # The table stays beside the charts as their text alternative.
    table = page.split("<table>", 1)[1].split("</table>", 1)[0]
    assert "Big" in table and "<td>3</td>" in table and "<td>1</td>" in table


def test_no_chart_before_the_round_is_closed(client, wijk, alice):
    round = RoundFactory(wijk=wijk, phase=Round.Phase.VOTING)
    PlanFactory(wijk=wijk, round=round)
    client.force_login(alice)
    page = client.get(url("round", wijk, pk=round.pk)).content.decode()
    assert "bar-chart" not in page


def test_the_chart_speaks_the_visitors_language(client, wijk, coordinator):
    round = closed_round(wijk, coordinator)
    page = client.get(url("round", wijk, pk=round.pk), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    votes, budget = svgs(page)
    assert "Stemmen per plan" in votes and "Niet gekozen" in votes
    assert "Budget: EUR 1.000,00" in budget
