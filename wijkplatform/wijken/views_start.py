"""Starting a wijk: the request form, co-signing, and the staff review queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import places, provisioning, selectors, transfer
from .forms import ApproveForm, DeclineForm, ImportForm, MergeForm, WijkRequestForm
from .models import WijkRequest


@login_required
def request_new(request):
    form = WijkRequestForm(request.POST if request.method == "POST" else None, language=get_language())
    if request.method == "POST" and form.is_valid():
        try:
            wijk_request = provisioning.wijk_request_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you! Share this page with your neighbours so they can co-sign."))
            return redirect(wijk_request)
    return render(request, "wijken/start/request_new.html", {"form": form}, status=400 if form.errors else 200)


def request_detail(request, token):
    wijk_request = selectors.wijk_request_by_token(token=token)
    if wijk_request is None:
        raise Http404(_("There is no request at this address."))
    signed = request.user.is_authenticated and wijk_request.signatures.filter(user=request.user).exists()
    return render(request, "wijken/start/request_detail.html", {
        "wijk_request": wijk_request,
        "signed": signed,
        "nearby": selectors.wijk_requests_near(wijk_request=wijk_request),
        "country_name": places.country_name(wijk_request.country, get_language()),
        "share_url": request.build_absolute_uri(wijk_request.get_absolute_url()),
    })


@login_required
@require_POST
def request_cosign(request, token):
    wijk_request = selectors.wijk_request_by_token(token=token)
    if wijk_request is None:
        raise Http404(_("There is no request at this address."))
    try:
        provisioning.wijk_request_cosign(wijk_request=wijk_request, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(wijk_request)
    messages.success(request, _("Thank you for co-signing!"))
    return redirect(wijk_request)


@login_required
def review_queue(request):
    _require_staff(request.user)
    return render(request, "wijken/start/review_queue.html", {"requests": selectors.wijk_requests_open()})


@login_required
def review(request, pk):
    _require_staff(request.user)
    wijk_request = get_object_or_404(WijkRequest, pk=pk)
    nearby = selectors.wijk_requests_near(wijk_request=wijk_request)
    candidates = WijkRequest.objects.filter(pk__in=[other.pk for other in nearby])
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action") if posted else None
    forms = {
        "approve": ApproveForm(posted if action == "approve" else None),
        "decline": DeclineForm(posted if action == "decline" else None),
        "merge": MergeForm(posted if action == "merge" else None, candidates=candidates),
    }
    if action in forms and forms[action].is_valid():
        data = forms[action].cleaned_data
        try:
            if action == "approve":
                wijk = provisioning.wijk_request_approve(wijk_request=wijk_request, by=request.user, slug=data["slug"])
                messages.success(request, _("%(wijk)s is live.") % {"wijk": wijk.name})
                return redirect(wijk)
            if action == "decline":
                provisioning.wijk_request_decline(wijk_request=wijk_request, by=request.user, reason=data["reason"])
                messages.info(request, _("The request is declined."))
            else:
                provisioning.wijk_request_merge(wijk_request=wijk_request, into=data["into"], by=request.user)
                messages.info(request, _("The request is merged."))
            return redirect("start:queue")
        except ValidationError as error:
            _add_errors(forms[action], error)
    status = 400 if action and any(form.errors for form in forms.values()) else 200
    return render(request, "wijken/start/review.html", {
        "wijk_request": wijk_request, "nearby": nearby, "forms": forms,
        "signature_count": wijk_request.signatures.count(),
        "country_name": places.country_name(wijk_request.country, get_language()),
    }, status=status)


def _require_staff(user):
    if not (user.is_staff and user.has_mfa):
        raise PermissionDenied(_("Only platform staff with two-factor authentication review requests."))


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def import_archive(request):
    """Staff bring in a wijk exported from another installation."""
    _require_staff(request.user)
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            wijk = transfer.wijk_import(archive_bytes=form.cleaned_data["archive"].read(),
                                        slug=form.cleaned_data["slug"] or None)
        except ValidationError as error:  # a damaged archive (ArchiveError), or the storage refused its files
            form.add_error(None, error)
        else:
            messages.success(request, _("%(wijk)s is imported and live.") % {"wijk": wijk.name})
            return redirect(wijk)
    return render(request, "wijken/start/import.html", {"form": form}, status=400 if form.errors else 200)
