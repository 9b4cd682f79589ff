import calendar as pycalendar
import csv
from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wijkplatform.core import guests, pagecache
from wijkplatform.core.capabilities import can
from wijkplatform.core.exceptions import CapabilityDenied
from wijkplatform.core.services import require
from wijkplatform.partners.selectors import organisation_in_wijk, organisations_represented
from wijkplatform.points.selectors import points_of
from wijkplatform.wijken.middleware import open_in_private_wijk

from . import ical, selectors, services
from .forms import EventForm, FilterForm, GuestRsvpForm, OccurrenceForm
from .models import RSVP

# The parts of a wijk the agenda and an event's page show (core/pagecache.py): its events, the Point an event is
# at, the organisation that organises it. What is kept of them stays kept when someone likes a post.
SHOWN_ON_EVENT_PAGES = ("events", "points", "partners")

FORM_FIELDS = (
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "address",
    "online_url",
    "cost",
    "for_children",
    "step_free",
    "hearing_loop",
    "accessibility",
    "capacity",
    "recurrence",
    "repeat_until",
    "guests_may_rsvp",
)


def _points(wijk):
    return list(points_of(wijk=wijk))


# --- lists ------------------------------------------------------------------------------------------------


def event_list(request):
    return pagecache.render_shared(
        request, "events/list.html", lambda: _event_list_context(request), parts=SHOWN_ON_EVENT_PAGES
    )


def _event_list_context(request):
    wijk = request.wijk
    filters = FilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    dates = selectors.occurrences_upcoming(
        wijk=wijk,
        include_cancelled=True,
        free=chosen.get("free"),
        children=chosen.get("children"),
        accessible=chosen.get("accessible"),
        within_days=7 if chosen.get("when") == "week" else None,
    )
    page = Paginator(dates, 30).get_page(request.GET.get("page"))
    counts = selectors.going_counts(wijk=wijk, occurrence_ids=[o.pk for o in page])
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": page,
        "counts": counts,
        "filters": filters,
        "query": query.urlencode(),
        "filtered": any(chosen.values()),
    }


def archive(request):
    wijk = request.wijk
    page = Paginator(selectors.occurrences_past(wijk=wijk), 30).get_page(request.GET.get("page"))
    return render(request, "events/archive.html", {"page": page})


def calendar_month(request):
    wijk = request.wijk
    today = timezone.now().astimezone(wijk.tz).date()
    raw = request.GET.get("month", "")
    try:
        year, month = (int(part) for part in raw.split("-")) if raw else (today.year, today.month)
        first = date(year, month, 1)
        if not 1900 <= year <= 2999:
            raise ValueError
    except ValueError:
        return render(
            request,
            "events/calendar.html",
            {
                "error": _("“%(month)s” is not a month we can show; use the form YYYY-MM.")
                % {"month": raw[:20]},
            },
            status=400,
        )
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    start = datetime.combine(weeks[0][0], time.min, tzinfo=wijk.tz)
    end = datetime.combine(weeks[-1][-1] + timedelta(days=1), time.min, tzinfo=wijk.tz)
    by_day = {}
    for occurrence in selectors.occurrences_between(wijk=wijk, start=start, end=end):
        by_day.setdefault(occurrence.starts_at.astimezone(wijk.tz).date(), []).append(occurrence)
    rows = [[(day, by_day.get(day, [])) for day in week] for week in weeks]
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return render(
        request,
        "events/calendar.html",
        {
            "rows": rows,
            "month": first,
            "month_name": MONTHS[month],
            "today": today,
            "weekdays": [(WEEKDAYS[i], WEEKDAYS_ABBR[i]) for i in range(7)],
            "previous": previous.strftime("%Y-%m"),
            "following": following.strftime("%Y-%m"),
        },
    )


def home_section(request):
    """The wijk home's "upcoming events" section (core/navigation.py WIJK_HOME_SECTIONS)."""
    dates = list(selectors.occurrences_upcoming(wijk=request.wijk, limit=4))
    if not dates:
        return None
    return render_to_string(
        "events/_home_section.html", {"dates": dates, "wijk": request.wijk}, request=request
    )


# --- one event --------------------------------------------------------------------------------------------


def _render_occurrence(request, occurrence, status=200, guest_form=None):
    """An event's page, kept for all with the same rights who gave the same answer (core/pagecache.py)."""
    wijk = request.wijk
    event = occurrence.event
    user = request.user
    rsvp = pagecache.kept_until_wijk_changes(
        wijk,
        f"rsvp:{occurrence.pk}:{user.pk}",
        lambda: selectors.rsvp_of(wijk=wijk, occurrence=occurrence, user=user),
        parts=SHOWN_ON_EVENT_PAGES,
    )
    waiting_position = selectors.waiting_position(wijk=wijk, rsvp=rsvp)
    may_manage = services.can_manage(wijk=wijk, user=user, event=event)

    def page_context():
        counts = selectors.rsvp_counts(wijk=wijk, occurrence=occurrence)
        going = counts[RSVP.Status.GOING]
        guests_welcome = services.guests_welcome(wijk=wijk, event=event) and not can(user, "event.rsvp", wijk)
        other_dates = []
        if event.recurrence or occurrence.moved:
            other_dates = [
                o for o in selectors.occurrences_of_event(wijk=wijk, event=event)[:12] if o.pk != occurrence.pk
            ]
        return {
            "occurrence": occurrence,
            "event": event,
            "rsvp": rsvp,
            "counts": counts,
            "waiting_position": waiting_position,
            "full": event.capacity is not None and going >= event.capacity,
            "places_left": None if event.capacity is None else max(event.capacity - going, 0),
            "other_dates": other_dates,
            "guest_form": (guest_form or GuestRsvpForm(auto_id="guest-%s")) if guests_welcome else None,
            "may_manage": may_manage,
            "statuses": [
                (RSVP.Status.GOING, _("Going")),
                (RSVP.Status.MAYBE, _("Maybe")),
                (RSVP.Status.NOT_GOING, _("Not going")),
            ],
        }

    if status != 200:
        return render(request, "events/detail.html", page_context(), status=status)
    answer = f"{rsvp.status}:{waiting_position}:{rsvp.via_point_id}:{rsvp.placed_by_id is not None:d}" if rsvp else ""
    return pagecache.render_shared(
        request, "events/detail.html", page_context, variant=f"{answer}:{may_manage:d}", parts=SHOWN_ON_EVENT_PAGES
    )


def event_detail(request, pk):
    wijk = request.wijk
    # Read once per wijk version for every reader; which date is next moves on within PAGE_CACHE_SECONDS.
    occurrence = pagecache.kept_until_wijk_changes(
        wijk, f"event_date:{pk}", lambda: selectors.date_shown(wijk=wijk, event_id=pk), parts=SHOWN_ON_EVENT_PAGES
    )
    selectors.refuse_hidden(wijk=wijk, user=request.user, event=occurrence and occurrence.event)
    return _render_occurrence(request, occurrence)


def occurrence_detail(request, pk):
    wijk = request.wijk
    occurrence = pagecache.kept_until_wijk_changes(
        wijk, f"event_date:o{pk}", lambda: selectors.date_shown(wijk=wijk, pk=pk), parts=SHOWN_ON_EVENT_PAGES
    )
    selectors.refuse_hidden(wijk=wijk, user=request.user, event=occurrence and occurrence.event)
    return _render_occurrence(request, occurrence)


@login_required
@require_POST
def rsvp(request, pk):
    wijk = request.wijk
    occurrence = selectors.occurrence_get_for(wijk=wijk, user=request.user, pk=pk)
    status = request.POST.get("status", "")
    try:
        answer = services.rsvp_set(
            wijk=wijk, event=occurrence.event, occurrence=occurrence, user=request.user, status=status
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        if request.htmx:  # htmx swaps no 4xx: reload the page, which shows the message
            return HttpResponse(error.messages[0], status=400, headers={"HX-Refresh": "true"})
        return _render_occurrence(request, occurrence, status=400)
    if answer.status == RSVP.Status.WAITING:
        messages.info(
            request,
            _(
                "The event is full: you are on the waiting list. If a place opens up, you "
                "move up automatically and we let you know."
            ),
        )
    elif answer.status == RSVP.Status.GOING:
        messages.success(request, _("See you there!"))
    else:
        messages.success(request, _("Your answer is saved."))
    return redirect("events:occurrence", wijk_slug=wijk.slug, pk=occurrence.pk)


# --- guests: visitors without an account -------------------------------------------------------------------


@open_in_private_wijk  # so a visitor of a members-only wijk gets the reason, not a bare redirect
@require_POST
def guest_rsvp(request, pk):
    """A visitor without an account says they are coming; they confirm through the link we email them."""
    wijk = request.wijk
    if wijk.visibility != wijk.Visibility.PUBLIC:
        raise CapabilityDenied(_("Only members of this wijk can sign up for its events."))
    occurrence = selectors.occurrence_get_for(wijk=wijk, user=request.user, pk=pk)
    form = GuestRsvpForm(request.POST, auto_id="guest-%s")
    if can(request.user, "event.rsvp", wijk):
        messages.error(request, _("You are a member of this wijk: say whether you are coming with the buttons."))
        return _render_occurrence(request, occurrence, status=400)
    if guests.guest_too_fast(request, scope="events", wijk=wijk):
        messages.error(request, _("Many sign-ups came from here in a short time. Please try again later."))
        return _render_occurrence(request, occurrence, status=429, guest_form=form)
    if form.is_valid():
        try:
            services.guest_rsvp_request(
                wijk=wijk, event=occurrence.event, occurrence=occurrence, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            form.add_error("email" if error.code == "email" else None, error)
            messages.error(request, " ".join(error.messages))
        else:
            messages.info(
                request,
                _(
                    "Almost done: we sent you an email. You have a place once you click the link in it. "
                    "Nothing arrived? Look in your spam folder."
                ),
            )
            return redirect("events:occurrence", wijk_slug=wijk.slug, pk=occurrence.pk)
    return _render_occurrence(request, occurrence, status=400, guest_form=form)


def _guest_page(request, token, *, cancel):
    wijk = request.wijk
    rsvp = services.guest_rsvp_from_token(wijk=wijk, token=token, cancel=cancel)
    if rsvp is None:
        raise Http404(_("This link is not valid (any more). You can sign up again on the event's page."))
    return wijk, rsvp


@open_in_private_wijk
def guest_confirm(request, token):
    """The link in a guest's email: a button to confirm (a link alone changes nothing: mail scanners open links)."""
    wijk, rsvp = _guest_page(request, token, cancel=False)
    occurrence = rsvp.occurrence
    error, status = "", 200
    if request.method == "POST":
        try:
            rsvp = services.guest_rsvp_confirm(wijk=wijk, rsvp=rsvp)
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
        else:
            if rsvp.status == RSVP.Status.WAITING:
                messages.info(
                    request,
                    _(
                        "Thank you! The event filled up in the meantime: you are on the waiting list. If a "
                        "place opens up, you move up automatically and we email you."
                    ),
                )
            else:
                messages.success(request, _("Thank you! You are signed up. See you there!"))
            return redirect("events:occurrence", wijk_slug=wijk.slug, pk=occurrence.pk)
    return render(
        request,
        "events/guest_confirm.html",
        {"rsvp": rsvp, "occurrence": occurrence, "event": occurrence.event, "error": error, "cancel": False},
        status=status,
    )


@open_in_private_wijk
def guest_cancel(request, token):
    """The link in a guest's email to cancel; the RSVP and the address are deleted."""
    wijk, rsvp = _guest_page(request, token, cancel=True)
    occurrence = rsvp.occurrence
    if request.method == "POST":
        services.guest_rsvp_cancel(wijk=wijk, rsvp=rsvp)
        messages.success(request, _("Your sign-up is cancelled, and your email address is deleted."))
        return redirect("events:occurrence", wijk_slug=wijk.slug, pk=occurrence.pk)
    return render(
        request,
        "events/guest_confirm.html",
        {"rsvp": rsvp, "occurrence": occurrence, "event": occurrence.event, "error": "", "cancel": True},
    )


# --- publishing -------------------------------------------------------------------------------------------


def _form_data(request, form):
    wijk = request.wijk
    data = {name: form.cleaned_data.get(name) for name in FORM_FIELDS}
    for flag in ("for_children", "step_free", "hearing_loop", "guests_may_rsvp"):
        data[flag] = bool(data[flag])
    for text in ("description", "address", "online_url", "accessibility", "recurrence"):
        data[text] = data[text] or ""
    org_id = form.cleaned_data.get("organiser_partner")
    data["organiser_partner"] = None
    if org_id:
        organisation = organisation_in_wijk(wijk=wijk, pk=org_id)
        if organisation is None:
            raise CapabilityDenied(_("You do not represent this organisation, so you cannot publish as it."))
        data["organiser_partner"] = organisation
    point_id = form.cleaned_data.get("point")
    data["point"] = None
    if point_id:
        data["point"] = points_of(wijk=wijk).filter(pk=point_id).first()
    return data


@login_required
def event_create(request):
    wijk = request.wijk
    require(request.user, "event.create", wijk)
    organisations = list(organisations_represented(wijk=wijk, user=request.user))
    form = EventForm(
        request.POST or None, request.FILES or None, organisations=organisations, points=_points(wijk)
    )
    if request.method == "POST" and form.is_valid():
        data = _form_data(request, form)
        try:
            event = services.event_create(
                wijk=wijk, by=request.user, photo=form.cleaned_data.get("photo"), **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your event is published."))
            return redirect("events:detail", wijk_slug=wijk.slug, pk=event.pk)
    return render(
        request, "events/form.html", {"form": form, "creating": True}, status=400 if form.errors else 200
    )


@login_required
def event_edit(request, pk):
    wijk = request.wijk
    event = selectors.event_get_for(wijk=wijk, user=request.user, pk=pk)
    if not services.can_manage(wijk=wijk, user=request.user, event=event):
        raise CapabilityDenied(_("Only the organiser of this event can do this."))
    organisations = list(organisations_represented(wijk=wijk, user=request.user))
    if event.organiser_partner and event.organiser_partner not in organisations:
        organisations.append(event.organiser_partner)
    initial = {name: getattr(event, name) for name in FORM_FIELDS}
    initial["starts_at"] = timezone.localtime(event.starts_at, wijk.tz).replace(tzinfo=None)
    initial["ends_at"] = timezone.localtime(event.ends_at, wijk.tz).replace(tzinfo=None)
    initial["organiser_partner"] = event.organiser_partner_id
    initial["point"] = event.point_id
    form = EventForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        organisations=organisations,
        points=_points(wijk),
    )
    if request.method == "POST" and form.is_valid():
        data = _form_data(request, form)
        try:
            services.event_update(
                wijk=wijk, event=event, by=request.user, photo=form.cleaned_data.get("photo"), **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:detail", wijk_slug=wijk.slug, pk=event.pk)
    return render(
        request, "events/form.html", {"form": form, "event": event}, status=400 if form.errors else 200
    )


@login_required
def event_cancel(request, pk):
    wijk = request.wijk
    event = selectors.event_get_for(wijk=wijk, user=request.user, pk=pk)
    if not services.can_manage(wijk=wijk, user=request.user, event=event):
        raise CapabilityDenied(_("Only the organiser of this event can do this."))
    if request.method == "POST":
        services.event_cancel(wijk=wijk, event=event, by=request.user)
        messages.success(request, _("The event is cancelled. Everyone who said they would come hears of it."))
        return redirect("events:detail", wijk_slug=wijk.slug, pk=event.pk)
    return render(request, "events/cancel.html", {"event": event})


@login_required
def occurrence_edit(request, pk):
    wijk = request.wijk
    occurrence = selectors.occurrence_get_for(wijk=wijk, user=request.user, pk=pk)
    if not services.can_manage(wijk=wijk, user=request.user, event=occurrence.event):
        raise CapabilityDenied(_("Only the organiser of this event can do this."))
    initial = {
        "starts_at": timezone.localtime(occurrence.starts_at, wijk.tz).replace(tzinfo=None),
        "ends_at": timezone.localtime(occurrence.ends_at, wijk.tz).replace(tzinfo=None),
    }
    form = OccurrenceForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            services.occurrence_cancel(wijk=wijk, occurrence=occurrence, by=request.user)
            messages.success(request, _("This date is cancelled; the other dates stay."))
            return redirect("events:occurrence", wijk_slug=wijk.slug, pk=occurrence.pk)
        if form.is_valid():
            try:
                services.occurrence_move(
                    wijk=wijk,
                    occurrence=occurrence,
                    by=request.user,
                    starts_at=form.cleaned_data["starts_at"],
                    ends_at=form.cleaned_data["ends_at"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("This date is moved; the other dates stay."))
                return redirect("events:occurrence", wijk_slug=wijk.slug, pk=occurrence.pk)
    return render(
        request,
        "events/occurrence_form.html",
        {"form": form, "occurrence": occurrence},
        status=400 if form.errors else 200,
    )


# --- attendees --------------------------------------------------------------------------------------------


def _managed_occurrence(request, pk):
    wijk = request.wijk
    occurrence = selectors.occurrence_get_for(wijk=wijk, user=request.user, pk=pk)
    if not services.can_manage(wijk=wijk, user=request.user, event=occurrence.event):
        raise CapabilityDenied(_("Only the organiser of this event can see who is coming."))
    return occurrence


@login_required
@require_GET
def attendees(request, pk):
    occurrence = _managed_occurrence(request, pk)
    rows = selectors.attendees(wijk=request.wijk, occurrence=occurrence)
    return render(request, "events/attendees.html", {"occurrence": occurrence, "rows": rows})


def _csv_safe(value):
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@login_required
@require_GET
def attendees_csv(request, pk):
    wijk = request.wijk
    occurrence = _managed_occurrence(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime(occurrence.starts_at, wijk.tz).strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="attendees-{occurrence.event_id}-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("Answer"), _("Answered at"), _("Place on the waiting list")])
    position = 0
    for rsvp in selectors.attendees(wijk=wijk, occurrence=occurrence):
        position = position + 1 if rsvp.status == RSVP.Status.WAITING else position
        writer.writerow(
            [
                _csv_safe(rsvp.user.name) if rsvp.user_id else _("Guest"),
                rsvp.get_status_display(),
                timezone.localtime(rsvp.updated_at, wijk.tz).strftime("%Y-%m-%d %H:%M"),
                position if rsvp.status == RSVP.Status.WAITING else "",
            ]
        )
    return response


# --- calendars (iCal) -------------------------------------------------------------------------------------


def _base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
def occurrence_ics(request, pk):
    wijk = request.wijk
    occurrence = selectors.occurrence_get_for(wijk=wijk, user=request.user, pk=pk)
    cal = ical.build_calendar(
        wijk=wijk, occurrences=[occurrence], name=occurrence.event.title, base_url=_base_url(request)
    )
    return ical.ics_response(
        cal, filename=f"event-{occurrence.event_id}-{occurrence.pk}.ics", attachment=True
    )


@require_GET
def event_ics(request, pk):
    wijk = request.wijk
    event = selectors.event_get_for(wijk=wijk, user=request.user, pk=pk)
    dates = list(selectors.occurrences_of_event(wijk=wijk, event=event, upcoming_only=False))
    for occurrence in dates:
        occurrence.event = event
    cal = ical.build_calendar(wijk=wijk, occurrences=dates, name=event.title, base_url=_base_url(request))
    return ical.ics_response(cal, filename=f"event-{event.pk}.ics", attachment=True)


FEED_SINCE = timedelta(days=31)
FEED_LIMIT = 1000


@require_GET
def wijk_feed(request):
    wijk = request.wijk
    since = timezone.now() - FEED_SINCE
    dates = selectors.occurrences_upcoming(wijk=wijk, include_cancelled=True, now=since)[:FEED_LIMIT]
    name = _("Events in %(wijk)s") % {"wijk": wijk.name}
    cal = ical.build_calendar(wijk=wijk, occurrences=dates, name=name, base_url=_base_url(request))
    return ical.ics_response(cal, filename=f"{wijk.slug}-events.ics", attachment=False)


@require_GET
def point_feed(request, point_slug):
    """The events at one LikeJeWijk Point, for its screen or a calendar app."""
    from wijkplatform.points.selectors import points_of

    wijk = request.wijk
    point = points_of(wijk=wijk).filter(slug=point_slug).first()
    if point is None:
        raise Http404(_("There is no such Point in this wijk."))
    since = timezone.now() - FEED_SINCE
    dates = selectors.occurrences_upcoming(wijk=wijk, point=point, include_cancelled=True, now=since)
    name = _("Events at %(point)s") % {"point": point.name}
    cal = ical.build_calendar(
        wijk=wijk, occurrences=dates[:FEED_LIMIT], name=name, base_url=_base_url(request)
    )
    return ical.ics_response(cal, filename=f"{wijk.slug}-{point.slug}.ics", attachment=False)


@open_in_private_wijk
@require_GET
def personal_feed(request, token):
    """The private feed of the events a member goes to; the token is the key (calendar apps have no login)."""
    wijk = request.wijk
    user_id = services.calendar_token_read(wijk=wijk, token=token)
    if user_id is None:
        raise Http404(_("This calendar address is not valid (any more)."))
    dates = selectors.going_for_user(wijk=wijk, user_id=user_id)[:FEED_LIMIT]
    name = _("My events in %(wijk)s") % {"wijk": wijk.name}
    cal = ical.build_calendar(wijk=wijk, occurrences=dates, name=name, base_url=_base_url(request))
    return ical.ics_response(cal, filename=f"{wijk.slug}-my-events.ics", attachment=False)


@login_required
def my_calendar(request):
    wijk = request.wijk
    require(request.user, "event.rsvp", wijk)
    if request.method == "POST":
        token = services.calendar_token_regenerate(wijk=wijk, user=request.user)
        messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    else:
        token = services.calendar_token(wijk=wijk, user=request.user)
    url = request.build_absolute_uri(
        reverse("events:personal_feed", kwargs={"wijk_slug": wijk.slug, "token": token})
    )
    going = selectors.going_for_user(wijk=wijk, user_id=request.user.pk, since=timezone.now())[:50]
    return render(
        request,
        "events/my_calendar.html",
        {
            "feed_url": url,
            "webcal_url": "webcal://" + url.split("://", 1)[-1],
            "going": going,
        },
    )
