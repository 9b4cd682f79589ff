import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from wijkplatform.budget import services
from wijkplatform.budget.models import Ballot, BallotPick, Plan, ProgressUpdate, Round
from wijkplatform.core.testing.factories import member

from .factories import PlanFactory, RoundFactory, fresh


def url(name, wijk, **kwargs):
    return reverse(f"budget:{name}", kwargs={"wijk_slug": wijk.slug, **kwargs})


def test_coordinator_opens_a_round_and_residents_submit_plans(client, wijk, coordinator, alice):
    client.force_login(coordinator)
    response = client.post(url("round_new", wijk), {"title": "Groen Noorden", "amount": "5000", "currency": "EUR"})
    round = Round.objects.in_wijk(wijk).get()
    assert response.status_code == 302
    assert round.amount == Decimal("5000") and round.phase == Round.Phase.SUBMISSION

    client.force_login(alice)
    response = client.post(
        url("plan_new", wijk, pk=round.pk),
        {"title": "Geveltuinen", "description": "Tuintjes langs de gevels.", "cost": "1200"},
    )
    assert response.status_code == 302
    plan = Plan.objects.in_wijk(wijk).get()
    assert plan.submitted_by == alice and plan.status == Plan.Status.SUBMITTED
    page = client.get(url("round", wijk, pk=round.pk)).content.decode()
    assert "Geveltuinen" in page


def test_resident_cannot_open_a_round(client, wijk, alice):
    client.force_login(alice)
    assert client.post(url("round_new", wijk), {"title": "X", "amount": "10"}).status_code == 403
    assert not Round.objects.in_wijk(wijk).exists()


def test_a_plan_without_a_cost_is_refused(client, wijk, alice):
    round = RoundFactory(wijk=wijk)
    client.force_login(alice)
    response = client.post(url("plan_new", wijk, pk=round.pk), {"title": "Bankjes", "description": "Twee bankjes."})
    assert response.status_code == 400
    assert "Give the cost of the plan." in response.content.decode()
    assert not Plan.objects.in_wijk(wijk).exists()


def test_a_plan_costing_more_than_the_round_is_refused(client, wijk, alice):
    round = RoundFactory(wijk=wijk, amount=1000)
    client.force_login(alice)
    response = client.post(
        url("plan_new", wijk, pk=round.pk),
        {"title": "Zwembad", "description": "Een zwembad.", "cost": "100000"},
    )
    assert response.status_code == 400
    assert "costs more than the whole round" in response.content.decode()
    assert not Plan.objects.in_wijk(wijk).exists()


def test_review_needs_a_reason_when_not_feasible(client, wijk, coordinator, alice):
    round = RoundFactory(wijk=wijk, phase=Round.Phase.REVIEW)
    plan = PlanFactory(wijk=wijk, round=round, status=Plan.Status.SUBMITTED, submitted_by=alice)
    client.force_login(coordinator)
    response = client.post(url("plan_review", wijk, pk=plan.pk), {"feasible": "no", "reason": ""})
    assert response.status_code == 400
    assert "Say why the plan is not feasible." in response.content.decode()
    plan = fresh(plan)
    assert plan.status == Plan.Status.SUBMITTED
    response = client.post(url("plan_review", wijk, pk=plan.pk), {"feasible": "no", "reason": "Not our street."})
    assert response.status_code == 302
    plan = fresh(plan)
    assert plan.status == Plan.Status.INFEASIBLE and plan.review_reason == "Not our street."


def test_voting_starts_only_when_every_plan_is_reviewed(wijk, coordinator):
    round = RoundFactory(wijk=wijk, phase=Round.Phase.REVIEW)
    PlanFactory(wijk=wijk, round=round, status=Plan.Status.SUBMITTED)
    with pytest.raises(Exception, match="Review every plan"):
        services.round_advance(wijk=wijk, round=round, by=coordinator)


def test_vote_within_budget_and_change_it(client, wijk, alice):
    round = RoundFactory(wijk=wijk, amount=1000, phase=Round.Phase.VOTING)
    a = PlanFactory(wijk=wijk, round=round, cost=600)
    b = PlanFactory(wijk=wijk, round=round, cost=300)
    c = PlanFactory(wijk=wijk, round=round, cost=500)
    client.force_login(alice)
    assert client.post(url("vote", wijk, pk=round.pk), {"plans": [a.pk, b.pk]}).status_code == 302
    ballot = Ballot.objects.in_wijk(wijk).get(voter=alice)
    assert ballot.total == Decimal("900")
    assert client.post(url("vote", wijk, pk=round.pk), {"plans": [b.pk, c.pk]}).status_code == 302
    ballot = fresh(ballot)
    assert {p.plan_id for p in BallotPick.objects.in_wijk(wijk).filter(ballot=ballot)} == {b.pk, c.pk}
    assert Ballot.objects.in_wijk(wijk).count() == 1  # one ballot per member, edited


def test_vote_over_the_budget_is_refused_and_keeps_the_old_vote(client, wijk, alice):
    round = RoundFactory(wijk=wijk, amount=1000, phase=Round.Phase.VOTING)
    a = PlanFactory(wijk=wijk, round=round, cost=600)
    b = PlanFactory(wijk=wijk, round=round, cost=500)
    client.force_login(alice)
    client.post(url("vote", wijk, pk=round.pk), {"plans": [a.pk]})
    response = client.post(url("vote", wijk, pk=round.pk), {"plans": [a.pk, b.pk]})
    assert response.status_code == 400
    assert "more than the" in response.content.decode()
    ballot = Ballot.objects.in_wijk(wijk).get(voter=alice)
    assert [p.plan_id for p in BallotPick.objects.in_wijk(wijk).filter(ballot=ballot)] == [a.pk]


def test_voting_twice_for_the_same_plan_counts_once(wijk, alice):
    round = RoundFactory(wijk=wijk, amount=1000, phase=Round.Phase.VOTING)
    a = PlanFactory(wijk=wijk, round=round, cost=600)
    ballot = services.ballot_set(wijk=wijk, round=round, plan_ids=[a.pk, a.pk], by=alice)
    assert BallotPick.objects.in_wijk(wijk).filter(ballot=ballot).count() == 1


def test_infeasible_or_other_round_plans_cannot_be_picked(wijk, alice):
    round = RoundFactory(wijk=wijk, phase=Round.Phase.VOTING)
    bad = PlanFactory(wijk=wijk, round=round, status=Plan.Status.INFEASIBLE)
    other = PlanFactory(wijk=wijk, round=RoundFactory(wijk=wijk, phase=Round.Phase.VOTING))
    for plan in (bad, other):
        with pytest.raises(Exception, match="Choose among the feasible plans"):
            services.ballot_set(wijk=wijk, round=round, plan_ids=[plan.pk], by=alice)
    assert not Ballot.objects.in_wijk(wijk).exists()


def test_no_vote_outside_the_voting_phase(client, wijk, alice):
    round = RoundFactory(wijk=wijk, phase=Round.Phase.REVIEW)
    a = PlanFactory(wijk=wijk, round=round)
    client.force_login(alice)
    response = client.post(url("vote", wijk, pk=round.pk), {"plans": [a.pk]})
    assert response.status_code == 400
    assert not Ballot.objects.in_wijk(wijk).exists()


def test_member_of_another_wijk_cannot_vote(client, wijk, charlie):
    round = RoundFactory(wijk=wijk, phase=Round.Phase.VOTING)
    a = PlanFactory(wijk=wijk, round=round)
    client.force_login(charlie)
    assert client.post(url("vote", wijk, pk=round.pk), {"plans": [a.pk]}).status_code == 403


def test_closing_computes_winners_within_budget(client, wijk, coordinator):
    round = RoundFactory(wijk=wijk, amount=1000, phase=Round.Phase.VOTING)
    big = PlanFactory(wijk=wijk, round=round, cost=700, title="Big")
    mid = PlanFactory(wijk=wijk, round=round, cost=400, title="Mid")
    small = PlanFactory(wijk=wijk, round=round, cost=200, title="Small")
    none = PlanFactory(wijk=wijk, round=round, cost=50, title="Nobody wants")
    voters = [member(wijk) for _ in range(4)]
    for voter in voters[:3]:
        services.ballot_set(wijk=wijk, round=round, plan_ids=[big.pk, small.pk], by=voter)
    services.ballot_set(wijk=wijk, round=round, plan_ids=[mid.pk], by=voters[3])
    client.force_login(coordinator)
    assert client.post(url("round_close", wijk, pk=round.pk)).status_code == 302
    round = fresh(round)
    assert round.phase == Round.Phase.CLOSED
    won = {p.title: (p.votes, p.won) for p in Plan.objects.in_wijk(wijk)}
    # Big (3 votes) and Small (3 votes, cheaper first) win; Mid (1 vote) does not fit in the 100 left.
    assert won == {"Big": (3, True), "Small": (3, True), "Mid": (1, False), "Nobody wants": (0, False)}
    page = client.get(url("round", wijk, pk=round.pk)).content.decode()
    assert "Won" in page and "900" in page
    assert none.pk


def test_progress_updates_with_a_photo_until_done(client, wijk, alice, bob):
    round = RoundFactory(wijk=wijk, phase=Round.Phase.CLOSED)
    plan = PlanFactory(wijk=wijk, round=round, won=True, submitted_by=alice)
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, format="JPEG")
    photo = SimpleUploadedFile("tuin.jpg", buffer.getvalue(), content_type="image/jpeg")
    client.force_login(alice)
    response = client.post(
        url("progress_add", wijk, pk=plan.pk),
        {"text": "De eerste tuintjes staan er.", "progress": "under_way", "photo": photo},
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.in_wijk(wijk).get()
    assert update.photo and update.photo.name.endswith(".jpg")
    client.post(url("progress_add", wijk, pk=plan.pk), {"text": "Klaar!", "progress": "done"})
    plan = fresh(plan)
    assert plan.progress == Plan.Progress.DONE
    response = client.post(url("progress_add", wijk, pk=plan.pk), {"text": "Nog iets", "progress": "done"})
    assert response.status_code == 400
    assert ProgressUpdate.objects.in_wijk(wijk).count() == 2
    client.force_login(bob)  # not the submitter, not a coordinator
    assert client.post(url("progress_add", wijk, pk=plan.pk), {"text": "x", "progress": "done"}).status_code == 403


def test_a_bad_photo_is_refused(client, wijk, alice):
    plan = PlanFactory(wijk=wijk, round=RoundFactory(wijk=wijk, phase=Round.Phase.CLOSED), won=True, submitted_by=alice)
    client.force_login(alice)
    bad = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    response = client.post(url("progress_add", wijk, pk=plan.pk), {"text": "x", "progress": "under_way", "photo": bad})
    assert response.status_code == 400
    assert not ProgressUpdate.objects.in_wijk(wijk).exists()


def test_round_list_and_other_wijk_404(client, wijk, other_wijk, charlie, django_assert_max_num_queries):
    round = RoundFactory(wijk=wijk, title="Groen Noorden")
    for _ in range(3):
        RoundFactory(wijk=wijk)
    with django_assert_max_num_queries(8):
        assert "Groen Noorden" in client.get(url("rounds", wijk)).content.decode()
    client.force_login(charlie)
    assert client.get(url("round", other_wijk, pk=round.pk)).status_code == 404
