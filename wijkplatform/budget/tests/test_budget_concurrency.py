"""Two members casting the last votes of a round at the same moment, on PostgreSQL with real transactions."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from wijkplatform.budget import services
from wijkplatform.budget.models import Ballot, BallotPick, Round
from wijkplatform.core.testing.factories import member

from .factories import PlanFactory, RoundFactory, fresh

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"),
]


def run_together(*calls):
    """Run the calls in threads that start at the same moment; each thread has its own connection."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as error:  # noqa: BLE001 - the test inspects it
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_many_members_voting_at_once_are_all_counted_within_budget(wijk):
    round = RoundFactory(wijk=wijk, amount=1000, phase=Round.Phase.VOTING)
    a = PlanFactory(wijk=wijk, round=round, cost=600)
    b = PlanFactory(wijk=wijk, round=round, cost=400)
    voters = [member(wijk) for _ in range(6)]
    results = run_together(
        *[(lambda v=v: services.ballot_set(wijk=wijk, round=round, plan_ids=[a.pk, b.pk], by=v)) for v in voters]
    )
    assert all(isinstance(r, Ballot) for r in results), results
    assert Ballot.objects.in_wijk(wijk).count() == 6
    assert BallotPick.objects.in_wijk(wijk).count() == 12
    assert all(b.total <= round.amount for b in Ballot.objects.in_wijk(wijk))


def test_one_member_in_two_tabs_never_ends_over_budget(wijk, alice):
    round = RoundFactory(wijk=wijk, amount=1000, phase=Round.Phase.VOTING)
    a = PlanFactory(wijk=wijk, round=round, cost=600)
    b = PlanFactory(wijk=wijk, round=round, cost=400)
    c = PlanFactory(wijk=wijk, round=round, cost=500)
    results = run_together(
        lambda: services.ballot_set(wijk=wijk, round=round, plan_ids=[a.pk, b.pk], by=alice),
        lambda: services.ballot_set(wijk=wijk, round=round, plan_ids=[c.pk], by=alice),
    )
    assert all(isinstance(r, Ballot) for r in results), results
    ballot = Ballot.objects.in_wijk(wijk).get(voter=alice)
    picks = list(BallotPick.objects.in_wijk(wijk).filter(ballot=ballot).select_related("plan"))
    total = sum((p.plan.cost for p in picks), Decimal(0))
    assert total == ballot.total <= round.amount
    assert {p.plan_id for p in picks} in ({a.pk, b.pk}, {c.pk})  # one of the two, never a mix


def test_closing_while_votes_come_in_loses_no_counted_vote(wijk, coordinator):
    round = RoundFactory(wijk=wijk, amount=1000, phase=Round.Phase.VOTING)
    a = PlanFactory(wijk=wijk, round=round, cost=600)
    voters = [member(wijk) for _ in range(4)]
    calls = [(lambda v=v: services.ballot_set(wijk=wijk, round=round, plan_ids=[a.pk], by=v)) for v in voters]
    calls.append(lambda: services.round_close(wijk=wijk, round=round, by=coordinator))
    results = run_together(*calls)
    saved = [r for r in results[:-1] if isinstance(r, Ballot)]
    refused = [r for r in results[:-1] if not isinstance(r, Ballot)]
    assert all("Voting is not open" in str(r) for r in refused), refused
    a = fresh(a)
    assert a.votes == len(saved)  # every vote that was saved was counted
