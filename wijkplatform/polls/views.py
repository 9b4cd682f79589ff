import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkplatform.core import guests
from wijkplatform.core.capabilities import can
from wijkplatform.core.services import require

from . import selectors, services
from .charts import bar_chart
from .forms import AnswerForm, QuestionForm, QuickPollForm, SurveyForm
from .models import Poll, Response


def poll_list(request):
    wijk = request.wijk
    return render(
        request,
        "polls/poll_list.html",
        {
            "polls": selectors.polls_for(wijk=wijk, user=request.user),
            "may_ask": can(request.user, "poll.ask", wijk),
        },
    )


def home_section(request):
    """The open polls on the wijk's home page."""
    polls = list(selectors.polls_open(wijk=request.wijk, limit=3))
    if not polls:
        return None
    return render_to_string("polls/_home_section.html", {"polls": polls, "wijk": request.wijk}, request=request)


def _form_view(request, form, template, create):
    if request.method == "POST" and form.is_valid():
        try:
            poll = create(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return poll
    return render(request, template, {"form": form}, status=400 if form.errors else 200)


@login_required
def poll_new(request):
    wijk = request.wijk
    require(request.user, "poll.ask", wijk)
    form = QuickPollForm(request.POST or None)
    result = _form_view(
        request,
        form,
        "polls/poll_form.html",
        lambda data: services.poll_ask(wijk=wijk, by=request.user, **data),
    )
    if isinstance(result, Poll):
        messages.success(request, _("Your poll is open."))
        return redirect(result.get_absolute_url())
    return result


@login_required
def survey_new(request):
    wijk = request.wijk
    require(request.user, "poll.ask", wijk)
    form = SurveyForm(request.POST or None)
    result = _form_view(
        request,
        form,
        "polls/survey_form.html",
        lambda data: services.survey_create(wijk=wijk, by=request.user, **data),
    )
    if isinstance(result, Poll):
        messages.success(request, _("Now add the questions of your survey."))
        return redirect("polls:manage", wijk_slug=wijk.slug, pk=result.pk)
    return result


@login_required
def manage(request, pk):
    wijk = request.wijk
    poll = selectors.poll_get_for(wijk=wijk, user=request.user, pk=pk)
    if not selectors.is_asker(poll, request.user):
        raise Http404(_("There is no such poll in this wijk."))
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_add(wijk=wijk, poll=poll, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The question is added."))
            return redirect("polls:manage", wijk_slug=wijk.slug, pk=poll.pk)
    return render(request, "polls/manage.html", {"poll": poll, "form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def publish(request, pk):
    wijk = request.wijk
    poll = selectors.poll_get_for(wijk=wijk, user=request.user, pk=pk)
    try:
        services.poll_publish(wijk=wijk, poll=poll, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("polls:manage", wijk_slug=wijk.slug, pk=poll.pk)
    messages.success(request, _("Your survey is published: the wijk can answer now."))
    return redirect(poll.get_absolute_url())


def detail(request, pk, *, form=None, status=200):
    wijk = request.wijk
    user = request.user
    poll = selectors.poll_get_for(wijk=wijk, user=user, pk=pk)
    answered = selectors.has_answered(wijk=wijk, poll=poll, user=user)
    guest = not user.is_authenticated and poll.guests_may_answer and wijk.visibility == wijk.Visibility.PUBLIC
    may_answer = poll.is_open and not answered and (can(user, "poll.answer", wijk) or guest)
    if may_answer and form is None:
        form = AnswerForm(poll=poll, guest=guest)
    show_results = selectors.may_see_results(wijk=wijk, poll=poll, user=user, answered=answered)
    results = []
    if show_results:
        nonce = getattr(request, "csp_nonce", "")
        results = selectors.results(wijk=wijk, poll=poll, with_texts=selectors.is_asker(poll, user))
        for item in results:
            if item["rows"]:
                item["chart"] = bar_chart(item["rows"], title=item["question"].text, nonce=nonce)
    return render(
        request,
        "polls/detail.html",
        {
            "poll": poll,
            "answered": answered,
            "form": form if may_answer else None,
            "guest": guest,
            "results": results,
            "show_results": show_results,
            "is_asker": selectors.is_asker(poll, user),
            "may_export": selectors.may_export(wijk=wijk, poll=poll, user=user),
        },
        status=status,
    )


@require_POST
def answer(request, pk):
    wijk = request.wijk
    user = request.user
    poll = selectors.poll_get_for(wijk=wijk, user=user, pk=pk)
    guest = not user.is_authenticated
    if guest and not (poll.guests_may_answer and wijk.visibility == wijk.Visibility.PUBLIC):
        return redirect(f"{_login_url()}?next={poll.get_absolute_url()}")
    form = AnswerForm(request.POST, poll=poll, guest=guest)
    if guest and _guest_too_fast(request, wijk):
        messages.error(request, _("Many answers came from here in a short time. Please try again later."))
        return detail(request, pk, form=form, status=429)
    if form.is_valid():
        try:
            services.response_submit(
                wijk=wijk,
                poll=poll,
                answers=form.answers(),
                by=None if guest else user,
                guest_email=form.cleaned_data.get("email"),
            )
        except ValidationError as error:
            form.add_error(None, error)
            messages.error(request, " ".join(error.messages))
        else:
            if guest:
                messages.info(
                    request,
                    _("Almost done: we sent you an email. Your answer counts once you click the link in it."),
                )
            else:
                messages.success(request, _("Thank you for your answer!"))
            return redirect(poll.get_absolute_url())
    return detail(request, pk, form=form, status=400)


GUEST_ANSWERS_PER_HOUR = guests.GUEST_REQUESTS_PER_HOUR  # each answer sends an email: no spam tool


def _guest_too_fast(request, wijk):
    return guests.guest_too_fast(request, scope="polls", wijk=wijk, limit=GUEST_ANSWERS_PER_HOUR)


def _login_url():
    from django.conf import settings
    from django.shortcuts import resolve_url

    return resolve_url(settings.LOGIN_URL)


def guest_confirm(request, token):
    wijk = request.wijk
    found = services.read_guest_token(token)
    response = None
    if found and found[0] == wijk.pk:
        response = Response.objects.in_wijk(wijk).filter(pk=found[1]).select_related("poll").first()
    if response is None:
        raise Http404(_("This link is not valid (any more). Please answer the poll again."))
    status = 200
    error = ""
    if request.method == "POST":
        try:
            services.response_confirm(wijk=wijk, response=response)
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
        else:
            messages.success(request, _("Thank you! Your answer is confirmed and counted."))
            return redirect(response.poll.get_absolute_url())
    return render(
        request,
        "polls/guest_confirm.html",
        {"response": response, "poll": response.poll, "error": error},
        status=status,
    )


@login_required
def export_csv(request, pk):
    wijk = request.wijk
    poll = selectors.poll_get_for(wijk=wijk, user=request.user, pk=pk)
    if not selectors.may_export(wijk=wijk, poll=poll, user=request.user):
        raise Http404(_("There is no such poll in this wijk."))
    questions = list(poll.questions.all())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="poll-{poll.pk}.csv"'
    writer = csv.writer(response)
    header = [_("Response"), _("Date")]
    if not poll.anonymous:
        header.append(_("Who"))
    writer.writerow(header + [q.text for q in questions])
    for number, row in enumerate(selectors.responses_for_export(wijk=wijk, poll=poll), start=1):
        by_question = {}
        for a in row.answers.all():
            value = a.choice.text if a.choice_id else (str(a.number) if a.number is not None else a.text)
            by_question.setdefault(a.question_id, []).append(value)
        cells = [number, row.created_on.isoformat()]
        if not poll.anonymous:
            cells.append(row.user.name if row.user else row.guest_email)
        writer.writerow(cells + [_safe_cell("; ".join(by_question.get(q.pk, []))) for q in questions])
    return response


def _safe_cell(value):
    """Spreadsheets run cells that start with = + - @ as formulas: make them plain text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
