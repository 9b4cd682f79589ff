from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkplatform.accounts.models import User
from wijkplatform.core import pagecache
from wijkplatform.core.capabilities import POINT_HOST, can
from wijkplatform.core.exceptions import CapabilityDenied
from wijkplatform.core.services import require
from wijkplatform.wijken.models import Membership, RoleAssignment

from . import selectors, services
from .forms import (
    AssistedCommentForm,
    AssistedPostForm,
    AssistedRsvpForm,
    ConsentForm,
    ExceptionForm,
    HostForm,
    HoursForm,
    PointForm,
)
from .models import Consent
from .screen import screen_slides


def _errors(error):
    return error.messages if isinstance(error, ValidationError) else [str(error)]


# --- Public pages ------------------------------------------------------------------------------------------


def point_list(request):
    return pagecache.render_shared(request, "points/list.html", lambda: _point_list_context(request), parts=("points",))


def _point_list_context(request):
    wijk = request.wijk
    points = list(selectors.points_with_hours(wijk=wijk))
    now = timezone.now()
    rows = [{"point": p, "status": selectors.point_status(p, wijk=wijk, when=now)} for p in points]
    markers = [
        {
            "name": p.name,
            "lat": float(p.latitude),
            "lon": float(p.longitude),
            "url": reverse("points:detail", kwargs={"wijk_slug": wijk.slug, "slug": p.slug}),
        }
        for p in points
        if p.has_location
    ]
    return {"rows": rows, "markers": markers, "can_manage": can(request.user, "point.manage", wijk)}


def point_detail(request, slug):
    wijk = request.wijk
    point = selectors.point_get(wijk=wijk, slug=slug, user=request.user)
    context = {
        "point": point,
        "status": selectors.point_status(point, wijk=wijk),
        "week": selectors.week_table(point),
        "exceptions": selectors.upcoming_exceptions(point, wijk=wijk),
        "hosts": selectors.hosts_of(wijk=wijk, point=point),
        "can_manage": can(request.user, "point.manage", wijk),
        "is_host": selectors.is_host_of(wijk=wijk, point=point, user=request.user),
        "markers": [
            {
                "name": point.name,
                "lat": float(point.latitude),
                "lon": float(point.longitude),
                "url": request.path,
            }
        ]
        if point.has_location
        else [],
    }
    return render(request, "points/detail.html", context)


def point_screen(request, slug):
    """The full-screen page for a TV in the Point: one slide at a time, moved on by a meta refresh."""
    wijk = request.wijk
    point = selectors.point_get(wijk=wijk, slug=slug)
    slides = screen_slides(request, wijk=wijk, point=point)
    try:
        index = int(request.GET.get("slide", "0")) % len(slides)
    except ValueError:
        index = 0
    seconds = 15
    next_url = f"{request.path}?slide={(index + 1) % len(slides)}"
    return render(
        request,
        "points/screen.html",
        {
            "point": point,
            "slide": slides[index],
            "slides": slides,
            "index": index,
            "seconds": seconds,
            "next_url": next_url,
            "status": selectors.point_status(point, wijk=wijk),
            "week": selectors.week_table(point),
            "now": timezone.localtime(timezone=wijk.tz),
        },
    )


def home_section(request):
    """The wijk home's "Points open now" section."""
    wijk = request.wijk
    if not wijk.part_is_on("points"):
        return None
    points = list(selectors.points_with_hours(wijk=wijk))
    if not points:
        return None
    now = timezone.now()
    rows = [{"point": p, "status": selectors.point_status(p, wijk=wijk, when=now)} for p in points]
    return render_to_string(
        "points/_home_section.html",
        {"open_rows": [r for r in rows if r["status"]["open"]], "count": len(rows), "wijk": wijk},
        request=request,
    )


# --- The desk: managing Points -----------------------------------------------------------------------------


@login_required
def desk(request):
    wijk = request.wijk
    manage = can(request.user, "point.manage", wijk)
    if not (manage or can(request.user, "point.assist", wijk)):
        raise CapabilityDenied(_("Only point hosts and coordinators can open this page."))
    form = PointForm()
    if request.method == "POST":
        require(request.user, "point.manage", wijk)
        form = PointForm(request.POST, request.FILES)
        if form.is_valid():
            data = dict(form.cleaned_data)
            photo = data.pop("photo", None) or None
            try:
                point = services.point_create(wijk=wijk, by=request.user, photo=photo, **data)
            except ValidationError as error:
                for message in _errors(error):
                    form.add_error(None, message)
            else:
                messages.success(request, _("The Point is added. Now give it opening hours."))
                return redirect("points:desk_point", wijk_slug=wijk.slug, slug=point.slug)
    points = (
        list(selectors.points_of(wijk=wijk, include_inactive=True))
        if manage
        else list(selectors.points_hosted_by(wijk=wijk, user=request.user))
    )
    hosted = {p.pk for p in selectors.points_hosted_by(wijk=wijk, user=request.user)}
    return render(
        request,
        "points/desk.html",
        {"points": points, "form": form, "can_manage": manage, "hosted": hosted},
        status=400 if form.errors else 200,
    )


def _host_candidates(wijk):
    ids = RoleAssignment.objects.in_wijk(wijk).filter(role=POINT_HOST).values_list("user_id", flat=True)
    return User.objects.filter(pk__in=list(ids)).order_by("display_name")


@login_required
def desk_point(request, slug):
    wijk = request.wijk
    point = selectors.point_get(wijk=wijk, slug=slug, user=request.user)
    require(request.user, "point.manage", wijk)
    candidates = _host_candidates(wijk)
    forms = {
        "point": PointForm(auto_id="point-%s", instance=point),
        "hours": HoursForm(auto_id="hours-%s"),
        "exception": ExceptionForm(auto_id="exception-%s"),
        "host": HostForm(auto_id="host-%s", hosts=candidates),
    }
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "point":
                form = forms["point"] = PointForm(request.POST, request.FILES, instance=point, auto_id="point-%s")
                if form.is_valid():
                    data = dict(form.cleaned_data)
                    data.pop("slug", None)
                    photo = data.pop("photo", None)
                    photo = photo if isinstance(photo, UploadedFile) else None
                    services.point_update(wijk=wijk, point=point, by=request.user, photo=photo, **data)
                    messages.success(request, _("The Point is saved."))
                    return redirect("points:desk_point", wijk_slug=wijk.slug, slug=point.slug)
            elif action == "hours":
                form = forms["hours"] = HoursForm(request.POST, auto_id="hours-%s")
                if form.is_valid():
                    services.hours_add(wijk=wijk, point=point, by=request.user, **form.cleaned_data)
                    messages.success(request, _("The opening hours are added."))
                    return redirect("points:desk_point", wijk_slug=wijk.slug, slug=point.slug)
            elif action == "hours_remove":
                services.hours_remove(wijk=wijk, point=point, pk=_int(request.POST.get("pk")), by=request.user)
                messages.success(request, _("The opening hours are removed."))
                return redirect("points:desk_point", wijk_slug=wijk.slug, slug=point.slug)
            elif action == "exception":
                form = forms["exception"] = ExceptionForm(request.POST, auto_id="exception-%s")
                if form.is_valid():
                    services.exception_add(wijk=wijk, point=point, by=request.user, **form.cleaned_data)
                    messages.success(request, _("The exception is added."))
                    return redirect("points:desk_point", wijk_slug=wijk.slug, slug=point.slug)
            elif action == "exception_remove":
                services.exception_remove(wijk=wijk, point=point, pk=_int(request.POST.get("pk")), by=request.user)
                messages.success(request, _("The exception is removed."))
                return redirect("points:desk_point", wijk_slug=wijk.slug, slug=point.slug)
            elif action == "host":
                form = forms["host"] = HostForm(request.POST, hosts=candidates, auto_id="host-%s")
                if form.is_valid():
                    services.host_assign(wijk=wijk, point=point, user=form.cleaned_data["user"], by=request.user)
                    messages.success(request, _("The host is assigned to this Point."))
                    return redirect("points:desk_point", wijk_slug=wijk.slug, slug=point.slug)
            elif action == "host_remove":
                user = candidates.filter(pk=_int(request.POST.get("pk"))).first()
                if user:
                    services.host_remove(wijk=wijk, point=point, user=user, by=request.user)
                messages.success(request, _("The host is no longer assigned to this Point."))
                return redirect("points:desk_point", wijk_slug=wijk.slug, slug=point.slug)
            else:
                messages.error(request, _("Unknown action."))
        except ValidationError as error:
            target = forms.get(action) or forms["hours"]
            for message in _errors(error):
                target.add_error(None, message)
        status = 400
    return render(
        request,
        "points/desk_point.html",
        {
            "point": point,
            "forms": forms,
            "week_rows": list(point.hours.all()),
            "exceptions": selectors.upcoming_exceptions(point, wijk=wijk, days=365),
            "hosts": selectors.hosts_of(wijk=wijk, point=point),
        },
        status=status,
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404("bad id") from None


# --- The host's desk: consent and assisted posting ---------------------------------------------------------


def _members(wijk):
    ids = Membership.objects.in_wijk(wijk).filter(status=Membership.Status.ACTIVE).values_list("user_id", flat=True)
    return User.objects.filter(pk__in=list(ids)).order_by("display_name")


def _consenting(wijk, point):
    ids = (
        Consent.objects.in_wijk(wijk)
        .filter(point=point, withdrawn_at__isnull=True)
        .values_list("resident_id", flat=True)
    )
    return User.objects.filter(pk__in=list(ids)).order_by("display_name")


def _post_kinds():
    # Community points at points: a module-level import would be circular.
    from wijkplatform.community.models import Post

    return list(Post.Kind.choices)


def _event_choices(wijk):
    # Events points at points: a module-level import would be circular.
    from wijkplatform.events.selectors import events_upcoming

    seen, choices = set(), []
    for occurrence in events_upcoming(wijk=wijk, limit=40):
        event = occurrence.event
        if event.pk not in seen:
            seen.add(event.pk)
            local = timezone.localtime(occurrence.starts_at, timezone=wijk.tz)
            choices.append((event.pk, f"{event.title} ({local:%d-%m %H:%M})"))
    return choices


@login_required
def assist(request, slug):
    wijk = request.wijk
    point = selectors.point_get(wijk=wijk, slug=slug, user=request.user)
    require(request.user, "point.assist", wijk)
    if not (request.user.is_staff or selectors.is_host_of(wijk=wijk, point=point, user=request.user)):
        raise CapabilityDenied(_("Only the hosts of this Point can use its desk."))
    residents = _consenting(wijk, point)
    events = _event_choices(wijk)
    forms = {
        "consent": ConsentForm(auto_id="consent-%s", residents=_members(wijk).exclude(pk=request.user.pk)),
        "post": AssistedPostForm(auto_id="post-%s", residents=residents, kinds=_post_kinds()),
        "comment": AssistedCommentForm(auto_id="comment-%s", residents=residents),
        "rsvp": AssistedRsvpForm(auto_id="rsvp-%s", residents=residents, events=events),
    }
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        back = redirect("points:assist", wijk_slug=wijk.slug, slug=point.slug)
        try:
            if action == "consent":
                form = forms["consent"] = ConsentForm(
                    request.POST, residents=_members(wijk).exclude(pk=request.user.pk), auto_id="consent-%s"
                )
                if form.is_valid():
                    data = form.cleaned_data
                    services.consent_record(
                        wijk=wijk,
                        point=point,
                        by=request.user,
                        resident=data["resident"],
                        scope=data["scope"],
                        note=data["note"],
                    )
                    messages.success(request, _("The consent is recorded."))
                    return back
            elif action == "withdraw":
                services.consent_withdraw(wijk=wijk, point=point, pk=_int(request.POST.get("pk")), by=request.user)
                messages.success(request, _("The consent is withdrawn."))
                return back
            elif action == "post":
                form = forms["post"] = AssistedPostForm(
                    request.POST, residents=_members(wijk), kinds=_post_kinds(), auto_id="post-%s"
                )
                if form.is_valid():
                    services.assisted_post(wijk=wijk, point=point, by=request.user, **form.cleaned_data)
                    messages.success(request, _("The post is placed on the feed, marked as placed via this Point."))
                    return back
            elif action == "comment":
                form = forms["comment"] = AssistedCommentForm(
                    request.POST, residents=_members(wijk), auto_id="comment-%s"
                )
                if form.is_valid():
                    # Community points at points: a module-level import would be circular.
                    from wijkplatform.community.models import Post

                    post = Post.objects.in_wijk(wijk).visible().filter(pk=form.cleaned_data["post"]).first()
                    if not post:
                        raise ValidationError(_("There is no post with this number in this wijk."))
                    services.assisted_comment(
                        wijk=wijk,
                        point=point,
                        by=request.user,
                        post=post,
                        resident=form.cleaned_data["resident"],
                        text=form.cleaned_data["text"],
                    )
                    messages.success(request, _("The reply is placed, marked as placed via this Point."))
                    return back
            elif action == "rsvp":
                form = forms["rsvp"] = AssistedRsvpForm(
                    request.POST, residents=_members(wijk), events=events, auto_id="rsvp-%s"
                )
                if form.is_valid():
                    # Events points at points: a module-level import would be circular.
                    from wijkplatform.events.models import Event

                    event = Event.objects.in_wijk(wijk).filter(pk=form.cleaned_data["event"]).first()
                    if event is None:
                        raise ValidationError(_("There is no such event in this wijk."))
                    services.assisted_rsvp(
                        wijk=wijk,
                        point=point,
                        by=request.user,
                        event=event,
                        resident=form.cleaned_data["resident"],
                        status=form.cleaned_data["status"],
                    )
                    messages.success(request, _("The answer is saved, marked as placed via this Point."))
                    return back
            else:
                messages.error(request, _("Unknown action."))
        except ValidationError as error:
            target = forms.get(action) or forms["consent"]
            for message in _errors(error):
                target.add_error(None, message)
        status = 400
    return render(
        request,
        "points/assist.html",
        {
            "point": point,
            "forms": forms,
            "consents": selectors.consents_at(wijk=wijk, point=point),
            "actions": selectors.assisted_actions(wijk=wijk, point=point),
            "has_events": bool(events),
        },
        status=status,
    )
