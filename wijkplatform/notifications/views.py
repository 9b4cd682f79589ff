from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from wijkplatform.core.capabilities import can
from wijkplatform.wijken.middleware import open_in_private_wijk

from . import kinds as kinds_module
from . import selectors, services
from .models import Channel, Period
from .tokens import read_token


def _member_or_404(request):
    if not can(request.user, "wijk.view_members_only", request.wijk):
        raise Http404(_("Notifications are for members of this wijk."))


@login_required
def inbox(request):
    _member_or_404(request)
    page = Paginator(selectors.notifications_for(wijk=request.wijk, user=request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "unread": selectors.unread_count(wijk=request.wijk, user=request.user)},
    )


@login_required
@require_POST
def mark_read(request, pk):
    _member_or_404(request)
    notification = selectors.notification_get_for(wijk=request.wijk, user=request.user, pk=pk)
    services.notification_mark_read(wijk=request.wijk, user=request.user, pk=notification.pk)
    if (
        request.POST.get("go")
        and notification.url
        and url_has_allowed_host_and_scheme(
            notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        if request.htmx:
            return HttpResponseClientRedirect(notification.url)
        return redirect(notification.url)
    if request.htmx and not request.POST.get("go"):
        notification = selectors.notification_get_for(wijk=request.wijk, user=request.user, pk=pk)
        return render(request, "notifications/_item.html", {"n": notification})
    return redirect("notifications:inbox", wijk_slug=request.wijk.slug)


@login_required
@require_POST
def mark_all_read(request):
    _member_or_404(request)
    services.notifications_mark_all_read(wijk=request.wijk, user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:inbox", wijk_slug=request.wijk.slug)


@login_required
def preferences(request):
    _member_or_404(request)
    wijk, user = request.wijk, request.user
    errors = []
    if request.method == "POST":
        rows = selectors.preferences_of(wijk=wijk, user=user)
        for kind, _label, current in rows:
            value = request.POST.get(f"kind-{kind}", current)
            if value not in Channel.values:
                errors.append(
                    _("Choose one of the options for “%(kind)s”.") % {"kind": kinds_module.kind_label(kind)}
                )
        period = request.POST.get("digest", selectors.digest_period_of(wijk=wijk, user=user))
        if period not in Period.values:
            errors.append(_("Choose daily, weekly or no digest."))
        if not errors:
            try:
                for kind, _label, current in rows:
                    value = request.POST.get(f"kind-{kind}", current)
                    if value != current or selectors.channel_for(wijk=wijk, user=user, kind=kind) != value:
                        services.preference_set(wijk=wijk, user=user, kind=kind, channel=value)
                services.digest_period_set(wijk=wijk, user=user, period=period)
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                messages.success(request, _("Your notification settings are saved."))
                return redirect("notifications:preferences", wijk_slug=wijk.slug)
    return render(
        request,
        "notifications/preferences.html",
        {
            "rows": selectors.preferences_of(wijk=wijk, user=user),
            "channels": Channel.choices,
            "periods": Period.choices,
            "digest_period": selectors.digest_period_of(wijk=wijk, user=user),
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@csrf_exempt  # RFC 8058: mail clients POST here without a session; the signed token is the credential
@open_in_private_wijk
def unsubscribe(request, token):
    payload = read_token(token)
    if payload is None or payload["w"] != request.wijk.pk:
        raise Http404(_("This unsubscribe link is not valid."))
    kind_label = kinds_module.kind_label(payload["k"])
    if request.method == "POST":
        result = services.unsubscribe(wijk=request.wijk, token=token)
        if result is None:
            raise Http404(_("This unsubscribe link is not valid."))
        return render(request, "notifications/unsubscribed.html", {"kind_label": kind_label})
    return render(
        request,
        "notifications/unsubscribe.html",
        {
            "kind_label": kind_label,
            "action": reverse(
                "notifications:unsubscribe", kwargs={"wijk_slug": request.wijk.slug, "token": token}
            ),
        },
    )
