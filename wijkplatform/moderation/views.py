from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkplatform.core.capabilities import can
from wijkplatform.core.pagecache import CSRF, cached_fragments, kept_until_wijk_changes
from wijkplatform.core.services import require

from . import selectors, services
from .forms import AppealForm, DecisionForm, GuidelineForm, ReportForm
from .models import Appeal, Decision, Guideline


@login_required
def report(request, content, pk):
    wijk = request.wijk
    require(request.user, "content.report", wijk)
    item = selectors.content_resolve(wijk=wijk, content=content, pk=pk, user=request.user)
    guidelines = list(selectors.guidelines_active(wijk=wijk))
    form = ReportForm(request.POST or None, guidelines=guidelines)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.report_create(
                    wijk=wijk,
                    content=content,
                    pk=pk,
                    by=request.user,
                    guideline_id=form.cleaned_data["guideline"],
                    note=form.cleaned_data["note"],
                )
            except services.AlreadyDone as error:
                form.add_error(None, error)
                status = 409
            except services.TooMany as error:
                form.add_error(None, error)
                status = 429
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                messages.success(request, _("Thank you. The editors will look at it; we keep your name to ourselves."))
                return redirect(item.url or "wijken:home", **({} if item.url else {"wijk_slug": wijk.slug}))
        else:
            status = 400
    return render(request, "moderation/report.html", {"item": item, "form": form}, status=status)


def guidelines(request):
    wijk = request.wijk
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect("account_login")
        try:
            services.guidelines_accept(wijk=wijk, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you for accepting the community guidelines."))
        return redirect("moderation:guidelines", wijk_slug=wijk.slug)
    return render(
        request,
        "moderation/guidelines.html",
        {
            "guidelines": selectors.guidelines_active(wijk=wijk),
            "accepted": selectors.guidelines_accepted(wijk=wijk, user=request.user),
        },
    )


def transparency(request):
    wijk = request.wijk
    return render(
        request,
        "moderation/transparency.html",
        {
            "rows": selectors.monthly_counts(wijk=wijk),
            "action_labels": [label for _value, label in Decision.Action.choices],
        },
    )


@login_required
def appeal(request, pk):
    wijk = request.wijk
    decision = selectors.decision_get_for_member(wijk=wijk, user=request.user, pk=pk)
    existing = Appeal.objects.in_wijk(wijk).filter(decision=decision).first()
    form = AppealForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.appeal_create(wijk=wijk, decision=decision, by=request.user, text=form.cleaned_data["text"])
            except services.AlreadyDone as error:
                form.add_error(None, error)
                status = 409
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                messages.success(request, _("Your appeal is sent. An editor will look again."))
                return redirect("moderation:appeal", wijk_slug=wijk.slug, pk=decision.pk)
        else:
            status = 400
    return render(
        request,
        "moderation/appeal.html",
        {"decision": decision, "existing": existing, "form": form},
        status=status,
    )


@login_required
def queue(request):
    wijk = request.wijk
    require(request.user, "moderation.review", wijk)
    return render(
        request,
        "moderation/queue.html",
        {
            "groups": selectors.queue(wijk=wijk),
            "appeals": selectors.appeals_pending(wijk=wijk),
        },
    )


@login_required
def decide(request, content, pk):
    wijk = request.wijk
    require(request.user, "moderation.review", wijk)
    item = selectors.content_resolve(wijk=wijk, content=content, pk=pk, user=request.user, include_hidden=True)
    guidelines = list(selectors.guidelines_active(wijk=wijk))
    actions = selectors.actions_for(item)
    form = DecisionForm(request.POST or None, actions=actions, guidelines=guidelines)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.decide(
                    wijk=wijk,
                    content=content,
                    pk=pk,
                    by=request.user,
                    action=data["action"],
                    guideline_id=data["guideline"],
                    reason=data["reason"],
                    suspend_days=data["suspend_days"],
                )
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                messages.success(request, _("The decision is recorded and the people involved are told."))
                return redirect("moderation:queue", wijk_slug=wijk.slug)
        else:
            status = 400
    return render(
        request,
        "moderation/decide.html",
        {
            "item": item,
            "form": form,
            "reports": selectors.reports_about(wijk=wijk, content_type=item.content_type, object_id=item.obj.pk),
        },
        status=status,
    )


@login_required
@require_POST
def appeal_decide(request, pk):
    wijk = request.wijk
    require(request.user, "moderation.review", wijk)
    appeal_obj = Appeal.objects.in_wijk(wijk).filter(pk=pk).select_related("decision").first()
    if appeal_obj is None:
        raise Http404(_("There is no appeal here."))
    try:
        services.appeal_decide(
            wijk=wijk,
            appeal=appeal_obj,
            by=request.user,
            outcome=request.POST.get("outcome", ""),
            note=request.POST.get("note", ""),
        )
    except services.AlreadyDone as error:
        messages.error(request, " ".join(error.messages))
        return render(
            request,
            "moderation/queue.html",
            {
                "groups": selectors.queue(wijk=wijk),
                "appeals": selectors.appeals_pending(wijk=wijk),
            },
            status=409,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("moderation:queue", wijk_slug=wijk.slug)
    messages.success(request, _("The appeal is handled and the member is told."))
    return redirect("moderation:queue", wijk_slug=wijk.slug)


@login_required
def audit_log(request):
    wijk = request.wijk
    require(request.user, "moderation.audit_log", wijk)
    page = Paginator(selectors.audit_log(wijk=wijk), 50).get_page(request.GET.get("page"))
    return render(request, "moderation/audit_log.html", {"page": page})


@login_required
def guidelines_edit(request):
    wijk = request.wijk
    require(request.user, "guidelines.edit", wijk)
    rows = list(selectors.guidelines_all(wijk=wijk))
    add_form = GuidelineForm(request.POST or None, prefix="new")
    if request.method == "POST" and add_form.is_valid():
        services.guideline_save(wijk=wijk, by=request.user, **add_form.cleaned_data)
        messages.success(request, _("The guideline is added."))
        return redirect("moderation:guidelines_edit", wijk_slug=wijk.slug)
    return render(
        request,
        "moderation/guidelines_edit.html",
        {
            "rows": [(g, GuidelineForm(instance=g, prefix=f"g{g.pk}")) for g in rows],
            "add_form": add_form,
        },
        status=400 if add_form.errors else 200,
    )


@login_required
@require_POST
def guideline_edit(request, pk):
    wijk = request.wijk
    require(request.user, "guidelines.edit", wijk)
    guideline = Guideline.objects.in_wijk(wijk).filter(pk=pk).first()
    if guideline is None:
        raise Http404(_("There is no guideline here."))
    form = GuidelineForm(request.POST, instance=guideline, prefix=f"g{pk}")
    if not form.is_valid():
        messages.error(request, _("Please give the guideline a title."))
        return redirect("moderation:guidelines_edit", wijk_slug=wijk.slug)
    guideline = Guideline.objects.in_wijk(wijk).get(pk=pk)
    services.guideline_save(wijk=wijk, guideline=guideline, by=request.user, **form.cleaned_data)
    messages.success(request, _("The guideline is saved."))
    return redirect("moderation:guidelines_edit", wijk_slug=wijk.slug)


def home_section(request):
    """On the wijk home: a member who has not accepted the community guidelines yet is asked to."""
    from django.template.loader import render_to_string

    wijk, user = request.wijk, request.user
    if not can(user, "wijk.view_members_only", wijk):
        return None
    # Accepting and changing the guidelines are writes to this part of the wijk: both are kept until then.
    accepted, titles = kept_until_wijk_changes(
        wijk,
        f"guidelines-accepted:{user.pk}",
        lambda: selectors.guidelines_accepted_or_titles(wijk=wijk, user=user),
        parts=("moderation",),
    )
    if accepted:
        return None
    # The same for everyone who has not accepted them yet: kept with the token as a placeholder.
    [html] = cached_fragments(
        request,
        ["guidelines"],
        key=lambda name: f"moderation-home:{name}",
        parts=lambda _name: ("moderation",),
        render=lambda _names: [
            render_to_string("moderation/_home_section.html", {"titles": titles, "csrf_token": CSRF}, request=request)
        ],
    )
    return html
