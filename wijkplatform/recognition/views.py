from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkplatform.core.capabilities import can
from wijkplatform.core.services import require

from . import selectors, services
from .forms import ConsentForm, HoursForm, NominationForm


def home_section(request):
    """The neighbour of the month on the wijk's home page."""
    chosen = selectors.neighbour_of_the_month(wijk=request.wijk)
    if chosen is None:
        return None
    return render_to_string("recognition/_home_section.html", {"chosen": chosen, "wijk": request.wijk}, request=request)


def volunteers(request):
    wijk = request.wijk
    return render(
        request,
        "recognition/volunteers.html",
        {
            "rows": selectors.volunteers_public(wijk=wijk),
            "by_month": selectors.volunteer_hours_by_month(wijk=wijk),
            "total": selectors.hours_total(wijk=wijk),
            "chosen": selectors.neighbour_of_the_month(wijk=wijk),
            "may_log": can(request.user, "volunteer.log_hours", wijk),
            "may_confirm": can(request.user, "volunteer.confirm_hours", wijk),
            "may_choose": can(request.user, "neighbour.choose", wijk),
        },
    )


@login_required
def my_hours(request):
    wijk = request.wijk
    require(request.user, "volunteer.log_hours", wijk)
    initiatives = selectors.initiatives_to_choose(wijk=wijk)
    profile = selectors.profile_of(wijk=wijk, user=request.user)
    form = HoursForm(initiatives=initiatives)
    consent = ConsentForm(initial={"show_publicly": bool(profile and profile.show_publicly)})
    status = 200
    if request.method == "POST" and "consent" in request.POST:
        consent = ConsentForm(request.POST)
        if consent.is_valid():
            services.profile_set(wijk=wijk, user=request.user, show_publicly=consent.cleaned_data["show_publicly"])
            messages.success(request, _("Your choice is saved."))
            return redirect("recognition:my_hours", wijk_slug=wijk.slug)
    elif request.method == "POST":
        form = HoursForm(request.POST, initiatives=initiatives)
        if form.is_valid():
            try:
                services.hours_log(wijk=wijk, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you! A coordinator will confirm your hours."))
                return redirect("recognition:my_hours", wijk_slug=wijk.slug)
        status = 400
    return render(
        request,
        "recognition/my_hours.html",
        {
            "form": form,
            "consent": consent,
            "logs": selectors.hours_of(wijk=wijk, user=request.user),
        },
        status=status,
    )


@login_required
def to_confirm(request):
    wijk = request.wijk
    require(request.user, "volunteer.confirm_hours", wijk)
    return render(request, "recognition/to_confirm.html", {"logs": selectors.hours_pending(wijk=wijk)})


@login_required
@require_POST
def confirm(request, pk):
    wijk = request.wijk
    log = selectors.hours_log_get(wijk=wijk, pk=pk)
    try:
        services.hours_confirm(wijk=wijk, log=log, confirmed=request.POST.get("confirmed") == "yes", by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("recognition:to_confirm", wijk_slug=wijk.slug)


@login_required
def nominate(request):
    wijk = request.wijk
    require(request.user, "neighbour.nominate", wijk)
    members = list(selectors.members_to_nominate(wijk=wijk, user=request.user))
    form = NominationForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            services.nominate(wijk=wijk, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you for your nomination! The editors choose at the end of the month."))
            return redirect("recognition:volunteers", wijk_slug=wijk.slug)
    return render(request, "recognition/nominate.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def nominations(request):
    wijk = request.wijk
    require(request.user, "neighbour.choose", wijk)
    month = services.this_month(wijk)
    return render(
        request,
        "recognition/nominations.html",
        {"month": month, "nominations": selectors.nominations_of_month(wijk=wijk, month=month)},
    )


@login_required
@require_POST
def choose(request, pk):
    wijk = request.wijk
    nomination = selectors.nomination_get(wijk=wijk, pk=pk)
    services.choose(wijk=wijk, nomination=nomination, by=request.user)
    messages.success(request, _("%(name)s is the neighbour of the month.") % {"name": nomination.nominee.name})
    return redirect("recognition:nominations", wijk_slug=wijk.slug)
