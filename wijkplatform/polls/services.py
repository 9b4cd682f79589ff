"""Every write of polls and surveys: asking, adding questions, publishing, answering (members and guests)."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkplatform.core import guests
from wijkplatform.core.services import require

from .models import Answer, Choice, Poll, Question, Response

MAX_CHOICES = 12
MAX_QUESTIONS = 30
GUEST_SALT = "polls.guest-answer"
GUEST_LINK_DAYS = guests.GUEST_LINK_DAYS


def _check_closes_at(closes_at):
    if closes_at is None:
        raise ValidationError(_("Say until when people can answer."))
    if closes_at <= timezone.now():
        raise ValidationError(_("The closing date is in the past. Choose a moment in the future."))


def _clean_choices(choices):
    choices = [c.strip()[:200] for c in choices if c and c.strip()]
    if len(choices) < 2:
        raise ValidationError(_("Give at least two choices."))
    if len(choices) > MAX_CHOICES:
        raise ValidationError(_("Give at most %(n)s choices."), params={"n": MAX_CHOICES})
    if len({c.lower() for c in choices}) != len(choices):
        raise ValidationError(_("Each choice must be different."))
    return choices


def poll_ask(
    *,
    wijk,
    question,
    choices,
    multiple=False,
    closes_at,
    by,
    description="",
    results=Poll.Results.AFTER_ANSWER,
    anonymous=False,
    guests_may_answer=False,
):
    """A quick poll: one question with choices, open at once."""
    require(by, "poll.ask", wijk)
    _check_closes_at(closes_at)
    choices = _clean_choices(choices)
    with transaction.atomic():
        poll = Poll.objects.create(
            wijk=wijk,
            kind=Poll.Kind.POLL,
            title=question,
            description=description,
            asked_by=by,
            closes_at=closes_at,
            results=results,
            anonymous=anonymous,
            guests_may_answer=guests_may_answer,
            salt=secrets.token_hex(16),
            published_at=timezone.now(),
        )
        q = Question.objects.create(
            wijk=wijk,
            poll=poll,
            text=question,
            kind=Question.Kind.MULTIPLE if multiple else Question.Kind.SINGLE,
        )
        Choice.objects.bulk_create([Choice(wijk=wijk, question=q, position=i, text=t) for i, t in enumerate(choices)])
    return poll


def survey_create(
    *,
    wijk,
    title,
    closes_at,
    by,
    description="",
    results=Poll.Results.AFTER_ANSWER,
    anonymous=False,
    guests_may_answer=False,
):
    """A survey, as a draft: the asker adds questions, then publishes it."""
    require(by, "poll.ask", wijk)
    _check_closes_at(closes_at)
    return Poll.objects.create(
        wijk=wijk,
        kind=Poll.Kind.SURVEY,
        title=title,
        description=description,
        asked_by=by,
        closes_at=closes_at,
        results=results,
        anonymous=anonymous,
        guests_may_answer=guests_may_answer,
        salt=secrets.token_hex(16),
    )


def _require_asker(poll, by, wijk):
    require(by, "poll.ask", wijk)
    if poll.asked_by_id != by.pk:
        raise ValidationError(_("Only the person who asked can change this survey."))


def question_add(*, wijk, poll, text, kind, choices=(), required=True, by):
    _require_asker(poll, by, wijk)
    if poll.published_at:
        raise ValidationError(_("This survey is published: its questions can no longer change."))
    if kind not in Question.Kind.values:
        raise ValidationError(_("Choose a kind of answer."))
    if not (text or "").strip():
        raise ValidationError(_("Write the question."))
    if Question.objects.in_wijk(wijk).filter(poll=poll).count() >= MAX_QUESTIONS:
        raise ValidationError(_("A survey has at most %(n)s questions."), params={"n": MAX_QUESTIONS})
    has_choices = kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
    choices = _clean_choices(choices) if has_choices else []
    with transaction.atomic():
        position = Question.objects.in_wijk(wijk).filter(poll=poll).count()
        question = Question.objects.create(
            wijk=wijk, poll=poll, text=text.strip(), kind=kind, required=required, position=position
        )
        Choice.objects.bulk_create(
            [Choice(wijk=wijk, question=question, position=i, text=t) for i, t in enumerate(choices)]
        )
    return question


def poll_publish(*, wijk, poll, by):
    _require_asker(poll, by, wijk)
    if poll.published_at:
        return poll
    _check_closes_at(poll.closes_at)
    if not Question.objects.in_wijk(wijk).filter(poll=poll).exists():
        raise ValidationError(_("Add at least one question first."))
    poll.published_at = timezone.now()
    poll.save(update_fields=["published_at"])
    return poll


def _clean_answers(*, wijk, poll, answers):
    """answers: {question_id: value}, a choice id, a list of choice ids, a number 1-5 or a text."""
    rows = []
    questions = list(Question.objects.in_wijk(wijk).filter(poll=poll))
    choice_ids = {q.pk: set() for q in questions}
    for question_id, choice_id in (
        Choice.objects.in_wijk(wijk).filter(question__poll=poll).values_list("question_id", "pk")
    ):
        choice_ids[question_id].add(choice_id)
    for q in questions:
        value = answers.get(q.pk)
        empty = value in (None, "", [], ())
        if empty:
            if q.required:
                raise ValidationError(_("Please answer: %(question)s"), params={"question": q.text})
            continue
        if q.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            values = value if isinstance(value, list | tuple | set) else [value]
            ids = {int(v) for v in values}
            if not ids <= choice_ids[q.pk] or (q.kind == Question.Kind.SINGLE and len(ids) != 1):
                raise ValidationError(_("Choose among the choices of: %(question)s"), params={"question": q.text})
            rows += [Answer(wijk=wijk, question=q, choice_id=i) for i in sorted(ids)]
        elif q.kind == Question.Kind.SCALE:
            number = int(value)
            if number not in Question.SCALE:
                raise ValidationError(_("Choose a number from 1 to 5 for: %(question)s"), params={"question": q.text})
            rows.append(Answer(wijk=wijk, question=q, number=number))
        else:
            limit = 200 if q.kind == Question.Kind.SHORT else 3000
            rows.append(Answer(wijk=wijk, question=q, text=str(value).strip()[:limit]))
    return rows


def response_submit(*, wijk, poll, answers, by=None, guest_email=None):
    """One response per person: a member (`by`) or a guest with an email address they confirm.

    Returns the response. A guest's response counts once confirmed through the link we email them.
    """
    if not poll.is_open:
        raise ValidationError(_("This poll is closed."))
    if by is not None and by.is_authenticated:
        require(by, "poll.answer", wijk)
        key = poll.respondent_key(user=by)
        guest_email = None
    else:
        if not poll.guests_may_answer or wijk.visibility != wijk.Visibility.PUBLIC:
            raise ValidationError(_("Log in to answer this poll."))
        guest_email = guests.guest_email(guest_email)
        if guest_email is None:
            raise ValidationError(_("Give a valid email address: we send you a link to confirm."))
        key = poll.respondent_key(email=guest_email)
        by = None
    rows = _clean_answers(wijk=wijk, poll=poll, answers=answers)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                wijk=wijk,
                poll=poll,
                respondent_key=key,
                # An anonymous poll keeps neither the person nor their email (see Poll.respondent_key).
                user=None if poll.anonymous else by,
                guest_email="" if poll.anonymous or not guest_email else guest_email,
                confirmed=by is not None,
            )
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
            if guest_email:
                _send_guest_link(wijk=wijk, poll=poll, response=response, email=guest_email)
    except IntegrityError:
        raise ValidationError(_("You have already answered this poll.")) from None
    return response


def guest_token(response):
    return guests.guest_token(salt=GUEST_SALT, wijk_id=response.wijk_id, pk=response.pk)


def read_guest_token(token):
    """(wijk id, response id), or None for a token that is not ours or too old."""
    return guests.guest_token_read(token, salt=GUEST_SALT, max_age_days=GUEST_LINK_DAYS)


def _send_guest_link(*, wijk, poll, response, email):
    from django.conf import settings

    from wijkplatform.notifications.services import email_send

    url = settings.SITE_URL + reverse(
        "polls:guest_confirm", kwargs={"wijk_slug": wijk.slug, "token": guest_token(response)}
    )
    body = _(
        "Thank you for answering “%(poll)s” in %(wijk)s.\n\nConfirm your answer with this link "
        "(valid for %(days)s days):\n%(url)s\n\nDid not answer? Then ignore this email: nothing will "
        "be counted."
    ) % {"poll": poll.title, "wijk": wijk.name, "days": GUEST_LINK_DAYS, "url": url}
    email_send(
        wijk=wijk,
        to_email=email,
        subject=_("Confirm your answer: %(poll)s") % {"poll": poll.title},
        body=body,
        kind="poll_answer",
    )


def response_confirm(*, wijk, response):
    if response.confirmed:
        return response
    if not response.poll.is_open:
        raise ValidationError(_("This poll closed before your answer was confirmed."))
    response.confirmed = True
    response.save(update_fields=["confirmed"])
    return response
