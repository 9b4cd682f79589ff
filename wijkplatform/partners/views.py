from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkplatform.core.exceptions import CapabilityDenied
from wijkplatform.core.services import require

from . import selectors, services
from .forms import OrganisationForm, RepresentForm
from .models import Organisation, PartnerPresence, Representative


def partner_list(request):
    wijk = request.wijk
    presences = list(selectors.presences_of(wijk=wijk))
    labels = dict(Organisation.Kind.choices)
    groups = [
        (labels.get(kind, kind), list(items))
        for kind, items in groupby(presences, key=lambda p: p.organisation.kind)
    ]
    return render(
        request,
        "partners/list.html",
        {
            "groups": groups,
            "represented": selectors.organisations_represented(wijk=wijk, user=request.user),
        },
    )


def partner_detail(request, org_slug):
    wijk = request.wijk
    presence = selectors.presence_get_for(wijk=wijk, org_slug=org_slug)
    organisation = presence.organisation
    user = request.user
    # The partner page gathers what the organisation does in the wijk: events and posts point at it.
    from wijkplatform.community.selectors import posts_for
    from wijkplatform.events.selectors import occurrences_upcoming

    may_decide = user.is_authenticated and services.may_decide(
        wijk=wijk, user=user, organisation=organisation
    )
    pending = (
        list(
            selectors.representatives_of(
                wijk=wijk, organisation=organisation, status=Representative.Status.PENDING
            )
        )
        if may_decide
        else []
    )
    return render(
        request,
        "partners/detail.html",
        {
            "presence": presence,
            "organisation": organisation,
            "events": occurrences_upcoming(wijk=wijk, organisation=organisation, limit=20),
            "posts": posts_for(wijk=wijk, user=user).filter(organisation=organisation)[:10],
            "representatives": selectors.representatives_of(wijk=wijk, organisation=organisation),
            "my_request": selectors.request_of(wijk=wijk, organisation=organisation, user=user),
            "pending": pending,
            "may_edit": user.is_authenticated
            and services.can_edit_organisation(wijk=wijk, user=user, organisation=organisation),
            "represent_form": RepresentForm(),
            "other_wijken": _other_wijken(wijk, user, organisation)
            if selectors.represents(wijk=wijk, user=user, organisation=organisation)
            else [],
        },
    )


@login_required
def partner_create(request):
    wijk = request.wijk
    require(request.user, "partner.create", wijk)
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {
            k: form.cleaned_data[k] for k in ("name", "kind", "offer", "contact", "opening_hours", "website")
        }
        try:
            presence = services.organisation_create(
                wijk=wijk, by=request.user, logo=form.cleaned_data.get("logo"), **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The organisation is added. A coordinator will confirm that you represent it.")
            )
            return redirect("partners:detail", wijk_slug=wijk.slug, org_slug=presence.organisation.slug)
    return render(
        request, "partners/form.html", {"form": form, "creating": True}, status=400 if form.errors else 200
    )


@login_required
def partner_edit(request, org_slug):
    wijk = request.wijk
    presence = selectors.presence_get_for(wijk=wijk, org_slug=org_slug)
    organisation = presence.organisation
    if not services.can_edit_organisation(wijk=wijk, user=request.user, organisation=organisation):
        require(request.user, "partner.verify", wijk)  # raises 403 with the usual message
    form = OrganisationForm(
        request.POST or None,
        request.FILES or None,
        instance=Organisation(**{f: getattr(organisation, f) for f in services.PROFILE_FIELDS}),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in services.PROFILE_FIELDS}
        try:
            services.organisation_update(
                wijk=wijk,
                organisation=organisation,
                by=request.user,
                logo=form.cleaned_data.get("logo"),
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect("partners:detail", wijk_slug=wijk.slug, org_slug=organisation.slug)
    return render(
        request,
        "partners/form.html",
        {"form": form, "organisation": organisation},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def partner_verify(request, org_slug):
    wijk = request.wijk
    presence = selectors.presence_get_for(wijk=wijk, org_slug=org_slug)
    verified = request.POST.get("verified", "1") == "1"
    services.presence_verify(wijk=wijk, presence=presence, by=request.user, verified=verified)
    messages.success(request, _("Marked as verified.") if verified else _("No longer marked as verified."))
    return redirect("partners:detail", wijk_slug=wijk.slug, org_slug=org_slug)


@login_required
@require_POST
def partner_represent(request, org_slug):
    wijk = request.wijk
    presence = selectors.presence_get_for(wijk=wijk, org_slug=org_slug)
    form = RepresentForm(request.POST)
    motivation = form.cleaned_data["motivation"] if form.is_valid() else ""
    try:
        services.representative_request(
            wijk=wijk, organisation=presence.organisation, by=request.user, motivation=motivation
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("partners:detail", wijk_slug=wijk.slug, org_slug=org_slug)
    messages.success(request, _("Your request is sent. You will hear when it is approved."))
    return redirect("partners:detail", wijk_slug=wijk.slug, org_slug=org_slug)


def _other_wijken(wijk, user, organisation):
    """The person's other wijken where the organisation is not a partner yet."""
    from wijkplatform.core.tenancy import cross_wijk
    from wijkplatform.wijken.selectors import wijken_of

    mine = list(wijken_of(user=user).exclude(pk=wijk.pk))
    with cross_wijk("the wijken of an organisation, among the person's own"):
        present = set(
            PartnerPresence.objects.filter(organisation=organisation, wijk__in=mine).values_list(
                "wijk_id", flat=True
            )
        )
    return [w for w in mine if w.pk not in present]


@login_required
@require_POST
def partner_add_to_wijk(request, org_slug):
    """A representative makes the organisation a partner of another wijk they belong to too."""
    from wijkplatform.wijken.selectors import wijken_of

    wijk = request.wijk
    presence = selectors.presence_get_for(wijk=wijk, org_slug=org_slug)
    organisation = presence.organisation
    if not selectors.represents(wijk=wijk, user=request.user, organisation=organisation):
        raise CapabilityDenied(_("Only a representative of the organisation can add it to another wijk."))
    target = wijken_of(user=request.user).filter(slug=request.POST.get("wijk", "")).first()
    if target is None:
        messages.error(request, _("Choose one of your wijken."))
        return redirect("partners:detail", wijk_slug=wijk.slug, org_slug=org_slug)
    try:
        services.presence_add(wijk=target, organisation=organisation, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("partners:detail", wijk_slug=wijk.slug, org_slug=org_slug)
    messages.success(
        request,
        _("%(org)s is now a partner of %(wijk)s too. A coordinator there confirms that you represent it.")
        % {"org": organisation.name, "wijk": target.name},
    )
    return redirect("partners:detail", wijk_slug=target.slug, org_slug=org_slug)


@login_required
@require_POST
def request_decide(request, pk):
    wijk = request.wijk
    rep_request = selectors.request_get_for(wijk=wijk, pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        services.representative_decide(wijk=wijk, request=rep_request, by=request.user, approve=approve)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if approve:
            messages.success(
                request,
                _("%(name)s now represents %(org)s.")
                % {"name": rep_request.user.name, "org": rep_request.organisation.name},
            )
        else:
            messages.info(request, _("The request is declined."))
    return redirect("partners:detail", wijk_slug=wijk.slug, org_slug=rep_request.organisation.slug)
