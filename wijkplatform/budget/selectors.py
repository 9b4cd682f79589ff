from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from wijkplatform.core.capabilities import can

from .models import Ballot, BallotPick, Plan, ProgressUpdate, Round


def rounds_of(*, wijk):
    return Round.objects.in_wijk(wijk).order_by("-created_at")


def round_get_for(*, wijk, user, pk):
    round = Round.objects.in_wijk(wijk).filter(pk=pk).first()
    if round is None:
        raise Http404(_("There is no such budget round in this wijk."))
    return round


def plans_for(*, wijk, round, user):
    """The plans of a round as this person may see them: everyone sees the feasible and reviewed ones once
    the review starts; during submission members see all plans (they are the wijk's ideas)."""
    plans = Plan.objects.in_wijk(wijk).filter(round=round).select_related("submitted_by")
    if round.phase in (Round.Phase.VOTING, Round.Phase.CLOSED) and not can(user, "budget.manage", wijk):
        plans = plans.filter(status=Plan.Status.FEASIBLE)
    if round.phase == Round.Phase.CLOSED:
        return plans.order_by("-won", "-votes", "cost", "pk")
    return plans.order_by("created_at", "pk")


def plan_get_for(*, wijk, user, pk):
    plan = (
        Plan.objects.in_wijk(wijk)
        .filter(pk=pk)
        .select_related("round", "submitted_by")
        .prefetch_related(Prefetch("updates", queryset=ProgressUpdate.objects.in_wijk(wijk).select_related("author")))
        .first()
    )
    if plan is None:
        raise Http404(_("There is no such plan in this wijk."))
    return plan


def ballot_of(*, wijk, round, user):
    if not user.is_authenticated:
        return None
    return Ballot.objects.in_wijk(wijk).filter(round=round, voter=user).first()


def picked_plan_ids(*, wijk, ballot):
    if ballot is None:
        return set()
    return set(BallotPick.objects.in_wijk(wijk).filter(ballot=ballot).values_list("plan_id", flat=True))


def voters_count(*, wijk, round):
    return Ballot.objects.in_wijk(wijk).filter(round=round).annotate(n=Count("picks")).filter(n__gt=0).count()
