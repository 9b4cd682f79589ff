from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkplatform.core.capabilities import can
from wijkplatform.core.services import require

from . import selectors, services
from .charts import results_charts
from .forms import BallotForm, PlanForm, ProgressForm, ReviewForm, RoundForm
from .models import Plan, Round


def round_list(request):
    wijk = request.wijk
    return render(request, "budget/round_list.html", {"rounds": selectors.rounds_of(wijk=wijk)})


@login_required
def round_new(request):
    wijk = request.wijk
    require(request.user, "budget.manage", wijk)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round = services.round_open(wijk=wijk, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The round is open: residents can submit plans now."))
            return redirect(round.get_absolute_url())
    return render(request, "budget/round_form.html", {"form": form}, status=400 if form.errors else 200)


def _ballot_form(request, round, data=None):
    wijk = request.wijk
    feasible = selectors.plans_for(wijk=wijk, round=round, user=request.user).filter(status=Plan.Status.FEASIBLE)
    ballot = selectors.ballot_of(wijk=wijk, round=round, user=request.user)
    initial = {"plans": list(selectors.picked_plan_ids(wijk=wijk, ballot=ballot))}
    return BallotForm(data, plans=feasible, initial=initial), ballot


def round_detail(request, pk, *, ballot_form=None, status=200):
    wijk = request.wijk
    round = selectors.round_get_for(wijk=wijk, user=request.user, pk=pk)
    plans = list(selectors.plans_for(wijk=wijk, round=round, user=request.user))
    form, ballot = _ballot_form(request, round)
    spent = sum((p.cost for p in plans if p.won), 0)
    return render(
        request,
        "budget/round_detail.html",
        {
            "round": round,
            "plans": plans,
            "ballot": ballot,
            "ballot_form": ballot_form or form,
            "may_manage": can(request.user, "budget.manage", wijk),
            "may_take_part": can(request.user, "budget.take_part", wijk),
            "voters": selectors.voters_count(wijk=wijk, round=round),
            "spent": spent,
            "charts": results_charts(round=round, plans=plans) if round.phase == Round.Phase.CLOSED else None,
            "Phase": Round.Phase,
        },
        status=status,
    )


@login_required
def plan_new(request, pk):
    wijk = request.wijk
    round = selectors.round_get_for(wijk=wijk, user=request.user, pk=pk)
    require(request.user, "budget.take_part", wijk)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_submit(wijk=wijk, round=round, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you! Your plan is submitted and will be reviewed."))
            return redirect(plan.get_absolute_url())
    return render(request, "budget/plan_form.html", {"form": form, "round": round}, status=400 if form.errors else 200)


@login_required
@require_POST
def round_advance(request, pk):
    wijk = request.wijk
    round = selectors.round_get_for(wijk=wijk, user=request.user, pk=pk)
    try:
        round = services.round_advance(wijk=wijk, round=round, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return round_detail(request, pk, status=400)
    messages.success(request, _("The round is now in the phase: %(phase)s.") % {"phase": round.get_phase_display()})
    return redirect(round.get_absolute_url())


@login_required
@require_POST
def vote(request, pk):
    wijk = request.wijk
    round = selectors.round_get_for(wijk=wijk, user=request.user, pk=pk)
    require(request.user, "budget.take_part", wijk)
    form, _ballot = _ballot_form(request, round, request.POST)
    if form.is_valid():
        try:
            services.ballot_set(
                wijk=wijk, round=round, by=request.user, plan_ids=[p.pk for p in form.cleaned_data["plans"]]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your vote is saved. You can change it until the round closes."))
            return redirect(round.get_absolute_url())
    return round_detail(request, pk, ballot_form=form, status=400)


@login_required
@require_POST
def round_close(request, pk):
    wijk = request.wijk
    round = selectors.round_get_for(wijk=wijk, user=request.user, pk=pk)
    try:
        services.round_close(wijk=wijk, round=round, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return round_detail(request, pk, status=400)
    messages.success(request, _("The round is closed and the winning plans are published."))
    return redirect(round.get_absolute_url())


def plan_detail(request, pk, *, review_form=None, progress_form=None, status=200):
    wijk = request.wijk
    plan = selectors.plan_get_for(wijk=wijk, user=request.user, pk=pk)
    may_manage = can(request.user, "budget.manage", wijk)
    return render(
        request,
        "budget/plan_detail.html",
        {
            "plan": plan,
            "round": plan.round,
            "may_manage": may_manage,
            "may_update": plan.won
            and plan.progress != Plan.Progress.DONE
            and (
                may_manage
                or (
                    request.user.is_authenticated
                    and request.user == plan.submitted_by
                    and can(request.user, "budget.take_part", wijk)
                )
            ),
            "may_review": may_manage and plan.round.phase in (Round.Phase.SUBMISSION, Round.Phase.REVIEW),
            "review_form": review_form or ReviewForm(),
            "progress_form": progress_form or ProgressForm(),
        },
        status=status,
    )


@login_required
@require_POST
def plan_review(request, pk):
    wijk = request.wijk
    plan = selectors.plan_get_for(wijk=wijk, user=request.user, pk=pk)
    require(request.user, "budget.manage", wijk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.plan_review(wijk=wijk, plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The review is saved."))
            return redirect(plan.round.get_absolute_url())
    return plan_detail(request, pk, review_form=form, status=400)


@login_required
@require_POST
def progress_add(request, pk):
    wijk = request.wijk
    plan = selectors.plan_get_for(wijk=wijk, user=request.user, pk=pk)
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.progress_add(wijk=wijk, plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The update is published."))
            return redirect(plan.get_absolute_url())
    return plan_detail(request, pk, progress_form=form, status=400)


def home_section(request):
    """The budget round that is running, on the wijk's home page."""
    from django.template.loader import render_to_string

    round = selectors.rounds_of(wijk=request.wijk).exclude(phase=Round.Phase.CLOSED).first()
    if round is None:
        return None
    return render_to_string("budget/_home_section.html", {"round": round, "wijk": request.wijk}, request=request)
