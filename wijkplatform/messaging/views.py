from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkplatform.accounts.models import User
from wijkplatform.core.capabilities import can
from wijkplatform.core.pagecache import cached_fragments
from wijkplatform.core.services import require
from wijkplatform.wijken.selectors import wijken_of

from . import selectors, services
from .forms import NewConversationForm, ReplyForm, ReportForm, ResolveForm, SettingsForm


def home_section(request):
    """On a wijk's home: a link to the member's messages with the number of unread ones."""
    if not request.user.is_authenticated or not can(request.user, "message.send", request.wijk):
        return None
    # The section differs only by the number: rendered once per number and kept for everyone.
    [html] = cached_fragments(
        request,
        [selectors.unread_total(user=request.user)],
        key=lambda unread: f"messaging-home:{unread}",
        render=lambda counts: [
            render_to_string("messaging/_home_section.html", {"unread": unread}, request=request) for unread in counts
        ],
    )
    return html


@login_required
def inbox(request):
    rows = selectors.conversations_of(user=request.user)
    return render(request, "messaging/inbox.html", {"rows": rows})


@login_required
def new(request):
    wijken = list(wijken_of(user=request.user))
    to = request.GET.get("to", "")
    if len(wijken) == 1:
        url = f"{_new_url(wijken[0])}"
        return redirect(f"{url}?to={to}" if to.isdigit() else url)
    return render(request, "messaging/new.html", {"wijken": wijken, "to": to if to.isdigit() else ""})


def _new_url(wijk):
    from django.urls import reverse

    return reverse("messaging:new_in_wijk", kwargs={"wijk_slug": wijk.slug})


@login_required
def new_in_wijk(request):
    wijk = request.wijk
    require(request.user, "message.send", wijk)
    members = list(selectors.members_to_message(wijk=wijk, user=request.user))
    initial = {"recipients": [request.GET["to"]]} if request.GET.get("to", "").isdigit() else {}
    form = NewConversationForm(request.POST or None, members=members, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            conversation = services.conversation_start(
                wijk=wijk,
                recipients=form.cleaned_data["recipients"],
                text=form.cleaned_data["text"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your message is sent."))
            return redirect(conversation.get_absolute_url())
    return render(request, "messaging/new_in_wijk.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def conversation(request, pk):
    wijk = request.wijk
    conversation, me = selectors.conversation_get_for(wijk=wijk, user=request.user, pk=pk)
    form = ReplyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.message_send(
                    wijk=wijk, conversation=conversation, text=form.cleaned_data["text"], by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(conversation.get_absolute_url())
        status = 400
    last_read = me.last_read_at
    services.conversation_mark_read(wijk=wijk, participant=me)
    participants = selectors.participants_of(wijk=wijk, conversation=conversation)
    return render(
        request,
        "messaging/conversation.html",
        {
            "conversation": conversation,
            "form": form,
            "last_read": last_read,
            "messages_list": selectors.messages_of(wijk=wijk, conversation=conversation),
            "others": [p.user for p in participants if p.user_id != request.user.pk],
            "blocked_ids": set(selectors.blocked_by(user=request.user).values_list("blocked_id", flat=True)),
        },
        status=status,
    )


@login_required
def report(request, pk):
    wijk = request.wijk
    message = selectors.message_get_for(wijk=wijk, user=request.user, pk=pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_report(wijk=wijk, message=message, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. The editors of the wijk will look at this message."))
            return redirect("messaging:conversation", wijk_slug=wijk.slug, pk=message.conversation_id)
    return render(
        request,
        "messaging/report.html",
        {"message": message, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def settings_view(request):
    form = SettingsForm(request.POST or None, initial={"who_may_message": selectors.setting_of(user=request.user)})
    if request.method == "POST" and form.is_valid():
        services.who_may_message_set(user=request.user, who=form.cleaned_data["who_may_message"])
        messages.success(request, _("Your choice is saved."))
        return redirect("messaging:settings")
    return render(
        request,
        "messaging/settings.html",
        {"form": form, "blocks": selectors.blocked_by(user=request.user)},
        status=400 if form.errors else 200,
    )


def _person(user_id):
    person = User.objects.filter(pk=user_id, is_active=True).first()
    if person is None:
        raise Http404(_("There is no such person."))
    return person


@login_required
@require_POST
def block(request, user_id):
    person = _person(user_id)
    try:
        services.block(user=request.user, other=person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("messaging:settings")
    messages.success(
        request,
        _("You blocked %(name)s: they cannot message or mention you any more.") % {"name": person.name},
    )
    return redirect("messaging:settings")


@login_required
@require_POST
def unblock(request, user_id):
    person = _person(user_id)
    services.unblock(user=request.user, other=person)
    messages.success(request, _("%(name)s is no longer blocked.") % {"name": person.name})
    return redirect("messaging:settings")


@login_required
def reports(request):
    wijk = request.wijk
    require(request.user, "moderation.review", wijk)
    return render(
        request,
        "messaging/reports.html",
        {"reports": selectors.reports_open(wijk=wijk), "form": ResolveForm()},
    )


@login_required
@require_POST
def report_resolve(request, pk):
    wijk = request.wijk
    require(request.user, "moderation.review", wijk)
    report = selectors.report_get_for(wijk=wijk, pk=pk)
    form = ResolveForm(request.POST)
    if form.is_valid():
        try:
            services.report_resolve(
                wijk=wijk, report=report, resolution=form.cleaned_data["resolution"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The report is handled."))
    return redirect("messaging:reports", wijk_slug=wijk.slug)
