from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from wijkplatform.core.exceptions import CapabilityDenied
from wijkplatform.core.health import platform_health
from wijkplatform.core.services import require
from wijkplatform.wijken.middleware import open_in_private_wijk

from . import selectors, services
from .forms import (
    AskerReplyForm,
    AskForm,
    CannedForm,
    EscalateForm,
    FAQForm,
    NoteForm,
    RateForm,
    ReplyForm,
    StatusForm,
)
from .models import Category, Ticket


def _errors(error):
    return error.messages if isinstance(error, ValidationError) else [str(error)]


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "") or "unknown"


# --- Asking for help --------------------------------------------------------------------------


@open_in_private_wijk
def ask(request):
    """Ask for help. The FAQ answers that match the question come first; then the question is sent."""
    wijk = request.wijk
    logged_in = request.user.is_authenticated
    form = AskForm(logged_in=logged_in)
    matches = []
    status = 200
    if request.method == "POST":
        form = AskForm(request.POST, logged_in=logged_in)
        if form.is_valid():
            data = form.cleaned_data
            matches = selectors.faq_matches(wijk=wijk, text=data["question"], category=data["category"])
            if matches and not data.get("confirmed"):
                # Show the answers first; sending again (confirmed) makes the ticket.
                data_copy = request.POST.copy()
                data_copy["confirmed"] = "on"
                form = AskForm(data_copy, logged_in=logged_in)
                form.is_valid()
                return render(
                    request,
                    "helpdesk/ask.html",
                    {"form": form, "matches": matches, "faqs": [], "offer_send": True},
                )
            try:
                services.ask_rate_check(wijk=wijk, ip=client_ip(request))
                ticket = services.ticket_create(
                    wijk=wijk,
                    by=request.user,
                    category=data["category"],
                    subject="",
                    question=data["question"],
                    email=data.get("email", ""),
                    name=data.get("name", ""),
                )
            except services.RateLimited as error:
                form.add_error(None, str(error))
                status = 429
            except ValidationError as error:
                for message in _errors(error):
                    form.add_error(None, message)
                status = 400
            else:
                messages.success(request, _("Your question is sent. Keep the address of this page to follow it."))
                return redirect("helpdesk:ticket", wijk_slug=wijk.slug, token=ticket.token)
        else:
            status = 400
    faqs = selectors.faq_published(wijk=wijk)
    return render(
        request,
        "helpdesk/ask.html",
        {"form": form, "matches": matches, "faqs": faqs, "categories": Category.choices},
        status=status,
    )


@never_cache
@open_in_private_wijk
def ticket(request, token):
    """The asker's page of a ticket, reached through its secret address."""
    wijk = request.wijk
    ticket = selectors.ticket_for_asker(wijk=wijk, token=token)
    reply_form, rate_form = AskerReplyForm(), RateForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "rate":
                rate_form = RateForm(request.POST)
                if rate_form.is_valid():
                    services.ticket_rate(wijk=wijk, ticket=ticket, **rate_form.cleaned_data)
                    messages.success(request, _("Thank you for rating the help."))
                    return redirect(request.path)
            else:
                reply_form = AskerReplyForm(request.POST)
                if reply_form.is_valid():
                    services.ticket_asker_reply(wijk=wijk, ticket=ticket, body=reply_form.cleaned_data["body"])
                    messages.success(request, _("Your answer is sent to the help desk."))
                    return redirect(request.path)
        except ValidationError as error:
            target = rate_form if action == "rate" else reply_form
            for message in _errors(error):
                target.add_error(None, message)
        status = 400
    return render(
        request,
        "helpdesk/ticket.html",
        {
            "ticket": ticket,
            "thread": selectors.public_messages(wijk=wijk, ticket=ticket),
            "reply_form": reply_form,
            "rate_form": rate_form,
            "can_rate": ticket.status in (Ticket.Status.SOLVED, Ticket.Status.CLOSED) and ticket.rated_at is None,
        },
        status=status,
    )


# --- The desk --------------------------------------------------------------------------


@login_required
def desk(request):
    wijk = request.wijk
    require(request.user, "helpdesk.work", wijk)
    current = request.GET.get("status", "open")
    if current not in ("open", "all", *Ticket.Status.values):
        current = "open"
    mine = request.user if request.GET.get("mine") else None
    tickets = selectors.tickets_for_desk(wijk=wijk, status=None if current == "all" else current, mine=mine)[:100]
    return render(
        request,
        "helpdesk/desk.html",
        {
            "tickets": tickets,
            "current": current,
            "mine": bool(mine),
            "statuses": Ticket.Status.choices,
            "figures": selectors.desk_figures(wijk=wijk),
            "unanswered": selectors.unanswered_count(wijk=wijk),
        },
    )


@login_required
def desk_ticket(request, pk):
    wijk = request.wijk
    ticket = selectors.ticket_get_for(wijk=wijk, user=request.user, pk=pk)
    forms = {
        "reply": ReplyForm(wijk=wijk),
        "note": NoteForm(),
        "status": StatusForm(initial={"status": ticket.status}),
        "escalate": EscalateForm(),
    }
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "claim":
                services.ticket_claim(wijk=wijk, ticket=ticket, by=request.user)
                messages.success(request, _("You are working on this ticket."))
                return redirect("helpdesk:desk_ticket", wijk_slug=wijk.slug, pk=ticket.pk)
            if action == "reply":
                form = forms["reply"] = ReplyForm(request.POST, wijk=wijk)
                if form.is_valid():
                    services.ticket_reply(
                        wijk=wijk,
                        ticket=ticket,
                        by=request.user,
                        body=form.cleaned_data["text"],
                        faq=form.cleaned_data["faq"],
                    )
                    messages.success(request, _("Your answer is sent to the asker."))
                    return redirect("helpdesk:desk_ticket", wijk_slug=wijk.slug, pk=ticket.pk)
            elif action == "note":
                form = forms["note"] = NoteForm(request.POST)
                if form.is_valid():
                    services.ticket_note(wijk=wijk, ticket=ticket, by=request.user, body=form.cleaned_data["note"])
                    messages.success(request, _("The note is saved."))
                    return redirect("helpdesk:desk_ticket", wijk_slug=wijk.slug, pk=ticket.pk)
            elif action == "status":
                form = forms["status"] = StatusForm(request.POST)
                if form.is_valid():
                    services.ticket_set_status(wijk=wijk, ticket=ticket, by=request.user, **form.cleaned_data)
                    messages.success(request, _("The status is changed."))
                    return redirect("helpdesk:desk_ticket", wijk_slug=wijk.slug, pk=ticket.pk)
            elif action == "escalate":
                form = forms["escalate"] = EscalateForm(request.POST)
                if form.is_valid():
                    services.ticket_escalate(
                        wijk=wijk, ticket=ticket, by=request.user, note=form.cleaned_data["reason"]
                    )
                    messages.success(request, _("The ticket is handed to platform staff."))
                    return redirect("helpdesk:desk_ticket", wijk_slug=wijk.slug, pk=ticket.pk)
            else:
                messages.error(request, _("Unknown action."))
        except ValidationError as error:
            target = forms.get(action) or forms["reply"]
            for message in _errors(error):
                target.add_error(None, message)
        status = 400
        ticket = selectors.ticket_get_for(wijk=wijk, user=request.user, pk=ticket.pk)
    return render(
        request,
        "helpdesk/desk_ticket.html",
        {
            "ticket": ticket,
            "thread": selectors.all_messages(wijk=wijk, ticket=ticket),
            "forms": forms,
            "matches": selectors.faq_matches(wijk=wijk, text=ticket.question, category=ticket.category),
        },
        status=status,
    )


@login_required
def desk_answers(request):
    """FAQ entries and canned answers."""
    wijk = request.wijk
    require(request.user, "helpdesk.work", wijk)
    faq_form, canned_form = FAQForm(), CannedForm(wijk=wijk)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "faq":
                faq_form = FAQForm(request.POST)
                if faq_form.is_valid():
                    services.faq_create(wijk=wijk, by=request.user, **faq_form.cleaned_data)
                    messages.success(request, _("The FAQ entry is added."))
                    return redirect("helpdesk:desk_answers", wijk_slug=wijk.slug)
            elif action == "canned":
                canned_form = CannedForm(request.POST, wijk=wijk)
                if canned_form.is_valid():
                    services.canned_create(wijk=wijk, by=request.user, **canned_form.cleaned_data)
                    messages.success(request, _("The canned answer is added."))
                    return redirect("helpdesk:desk_answers", wijk_slug=wijk.slug)
        except ValidationError as error:
            target = canned_form if action == "canned" else faq_form
            for message in _errors(error):
                target.add_error(None, message)
        status = 400
    return render(
        request,
        "helpdesk/desk_answers.html",
        {
            "faqs": selectors.faq_published(wijk=wijk),
            "canned": selectors.canned_answers(wijk=wijk),
            "faq_form": faq_form,
            "canned_form": canned_form,
        },
        status=status,
    )


@login_required
@never_cache
def health(request):
    wijk = request.wijk
    if not (request.user.is_authenticated and _can(request.user, "health.view", wijk)):
        raise CapabilityDenied(_("Only tech helpers and coordinators can see the health of the wijk."))
    return render(request, "helpdesk/health.html", {"health": selectors.wijk_health(wijk=wijk)})


def _can(user, capability, wijk):
    from wijkplatform.core.capabilities import can

    return can(user, capability, wijk)


@never_cache
def status(request):
    """The public status page at /status/: is the platform up? (no details that help an attacker)."""
    checks = platform_health()
    up = all(check["ok"] for check in checks.values())
    parts = [
        (_("Website"), True),
        (_("Database"), checks["database"]["ok"]),
        (_("Cache"), checks["cache"]["ok"]),
        (_("Background tasks and email"), checks["broker"]["ok"]),
    ]
    return render(request, "helpdesk/status.html", {"up": up, "parts": parts}, status=200 if up else 503)
