"""Every write of the wijk budget. Ballots lock the round and the ballot (`select_for_update`), so two members
voting at the same moment are both counted and no ballot is ever over the amount.

How winners are chosen (`round_close`): the feasible plans are ranked by number of votes (most first; a tie
goes to the cheaper plan, then to the plan submitted first). Going down that list, a plan wins when it has at
least one vote and its cost fits in what is left of the amount; a plan that does not fit is passed over
and the next one is tried, so the money left is still used for smaller plans further down.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkplatform.core.images import clean_image
from wijkplatform.core.services import require
from wijkplatform.notifications.services import notify

from .models import Ballot, BallotPick, Plan, ProgressUpdate, Round

NEXT_PHASE = {Round.Phase.SUBMISSION: Round.Phase.REVIEW, Round.Phase.REVIEW: Round.Phase.VOTING}


def round_open(*, wijk, title, description="", amount, currency="EUR", by):
    require(by, "budget.manage", wijk)
    amount = Decimal(amount)
    if amount < 1:
        raise ValidationError(_("The amount of a round must be at least 1."))
    return Round.objects.create(
        wijk=wijk,
        title=title,
        description=description,
        amount=amount,
        currency=(currency or "EUR").upper()[:3],
        opened_by=by,
    )


def round_advance(*, wijk, round, by):
    """Move a round to its next phase: submission -> review -> voting. Closing is `round_close`."""
    require(by, "budget.manage", wijk)
    with transaction.atomic():
        round = Round.objects.in_wijk(wijk).select_for_update().get(pk=round.pk)
        if round.phase not in NEXT_PHASE:
            raise ValidationError(_("This round cannot move to another phase now."))
        if (
            round.phase == Round.Phase.REVIEW
            and Plan.objects.in_wijk(wijk).filter(round=round, status=Plan.Status.SUBMITTED).exists()
        ):
            raise ValidationError(_("Review every plan before voting starts."))
        round.phase = NEXT_PHASE[round.phase]
        round.save(update_fields=["phase"])
    return round


def plan_submit(*, wijk, round, title, description, cost, by):
    require(by, "budget.take_part", wijk)
    if round.phase != Round.Phase.SUBMISSION:
        raise ValidationError(_("Plans can no longer be submitted in this round."))
    if cost in (None, ""):
        raise ValidationError(_("Give the cost of the plan."))
    cost = Decimal(cost)
    if cost < 1:
        raise ValidationError(_("The cost of a plan must be at least 1."))
    if cost > round.amount:
        raise ValidationError(
            _("This plan costs more than the whole round (%(amount)s)."), params={"amount": round.amount}
        )
    return Plan.objects.create(wijk=wijk, round=round, title=title, description=description, cost=cost, submitted_by=by)


def plan_review(*, wijk, plan, feasible, reason="", by):
    require(by, "budget.manage", wijk)
    if plan.round.phase not in (Round.Phase.SUBMISSION, Round.Phase.REVIEW):
        raise ValidationError(_("The review of this round is over."))
    reason = (reason or "").strip()
    if not feasible and not reason:
        raise ValidationError(_("Say why the plan is not feasible."))
    with transaction.atomic():
        plan.status = Plan.Status.FEASIBLE if feasible else Plan.Status.INFEASIBLE
        plan.review_reason = reason
        plan.reviewed_by = by
        plan.save(update_fields=["status", "review_reason", "reviewed_by"])
        if plan.submitted_by:
            notify(
                wijk=wijk,
                recipients=[plan.submitted_by],
                kind="budget",
                actor=by,
                title=_("Your plan “%(plan)s” was reviewed: %(status)s")
                % {"plan": plan.title, "status": plan.get_status_display()},
                url=plan.get_absolute_url(),
                body=reason,
            )
    return plan


def ballot_set(*, wijk, round, plan_ids, by):
    """Save a member's ballot: the plans they pick, together within the round's amount.
    Replaces their earlier ballot.

    The round row is locked first (so a ballot and the closing of the round never interleave), then the
    member's own ballot (so two tabs of one member cannot interleave either).
    """
    require(by, "budget.take_part", wijk)
    wanted = {int(pk) for pk in plan_ids}
    with transaction.atomic():
        round = Round.objects.in_wijk(wijk).select_for_update().get(pk=round.pk)
        if round.phase != Round.Phase.VOTING:
            raise ValidationError(_("Voting is not open in this round."))
        plans = list(Plan.objects.in_wijk(wijk).filter(round=round, status=Plan.Status.FEASIBLE, pk__in=wanted))
        if len(plans) != len(wanted):
            raise ValidationError(_("Choose among the feasible plans of this round."))
        total = sum((plan.cost for plan in plans), Decimal(0))
        if total > round.amount:
            raise ValidationError(
                _("Your choice costs %(total)s, more than the %(amount)s of this round. Pick fewer plans."),
                params={"total": total, "amount": round.amount},
            )
        ballot = Ballot.objects.in_wijk(wijk).select_for_update().filter(round=round, voter=by).first()
        if ballot is None:
            ballot = Ballot.objects.create(wijk=wijk, round=round, voter=by)
        BallotPick.objects.in_wijk(wijk).filter(ballot=ballot).delete()
        BallotPick.objects.bulk_create([BallotPick(wijk=wijk, ballot=ballot, plan=plan) for plan in plans])
        ballot.total = total
        ballot.save(update_fields=["total", "updated_at"])
    return ballot


def round_close(*, wijk, round, by):
    """Count the ballots and publish the winning plans (the rule is at the top of this module)."""
    require(by, "budget.manage", wijk)
    with transaction.atomic():
        round = Round.objects.in_wijk(wijk).select_for_update().get(pk=round.pk)
        if round.phase != Round.Phase.VOTING:
            raise ValidationError(_("Only a round in its voting phase can be closed."))
        counts = dict(
            BallotPick.objects.in_wijk(wijk)
            .filter(ballot__round=round)
            .values("plan")
            .annotate(n=Count("pk"))
            .values_list("plan", "n")
        )
        plans = list(Plan.objects.in_wijk(wijk).filter(round=round, status=Plan.Status.FEASIBLE))
        for plan in plans:
            plan.votes = counts.get(plan.pk, 0)
        left = round.amount
        for plan in sorted(plans, key=lambda p: (-p.votes, p.cost, p.created_at, p.pk)):
            plan.won = plan.votes > 0 and plan.cost <= left
            if plan.won:
                left -= plan.cost
        Plan.objects.in_wijk(wijk).bulk_update(plans, ["votes", "won"])
        round.phase = Round.Phase.CLOSED
        round.closed_at = timezone.now()
        round.save(update_fields=["phase", "closed_at"])
        winners = [p for p in plans if p.won and p.submitted_by]
        for plan in winners:
            notify(
                wijk=wijk,
                recipients=[plan.submitted_by],
                kind="budget",
                actor=by,
                title=_("Your plan “%(plan)s” won in %(round)s!") % {"plan": plan.title, "round": round.title},
                url=plan.get_absolute_url(),
            )
    return round


def winners_of(*, wijk, round):
    return Plan.objects.in_wijk(wijk).filter(round=round, won=True).order_by("-votes", "cost", "pk")


def progress_add(*, wijk, plan, text, progress, photo=None, by):
    """An update on a winning plan, with an optional photo, until it is done."""
    require(by, "budget.take_part", wijk)
    if by != plan.submitted_by:
        require(by, "budget.manage", wijk)
    if not plan.won:
        raise ValidationError(_("Only winning plans have progress updates."))
    if plan.progress == Plan.Progress.DONE:
        raise ValidationError(_("This plan is done already."))
    if progress not in Plan.Progress.values:
        raise ValidationError(_("Choose how far the plan is."))
    cleaned = clean_image(photo) if photo else None
    with transaction.atomic():
        update = ProgressUpdate(wijk=wijk, plan=plan, text=text, progress=progress, author=by)
        if cleaned:
            update.photo.save(cleaned.name, cleaned, save=False)
        update.save()
        plan.progress = progress
        plan.save(update_fields=["progress"])
    return update
