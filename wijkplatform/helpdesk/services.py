"""Every write of the help desk: asking, working tickets, FAQ and canned answers."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wijkplatform.core import ratelimit
from wijkplatform.core.exceptions import CapabilityDenied
from wijkplatform.core.services import require
from wijkplatform.notifications.services import email_send, notify

from .models import FAQ, CannedAnswer, Category, TaskFailure, Ticket, TicketMessage

log = logging.getLogger(__name__)

ASK_LIMIT = 5  # questions per address per hour, per wijk
ASK_WINDOW = 60 * 60


class RateLimited(Exception):
    """Too many questions from one address: the view answers 429."""


def ask_rate_check(*, wijk, ip):
    """Count a question from this address; raise RateLimited past the limit (a cache counter per IP)."""
    if ratelimit.hit(f"helpdesk:ask:{wijk.pk}:{ip or 'unknown'}", limit=ASK_LIMIT, seconds=ASK_WINDOW):
        raise RateLimited(
            _(
                "You asked many questions in a short time. Please wait an hour, or visit a "
                "LikeJeWijk Point for help in person."
            )
        )


def _helpers(wijk):
    from wijkplatform.accounts.models import User
    from wijkplatform.wijken.models import RoleAssignment

    ids = RoleAssignment.objects.in_wijk(wijk).filter(role="tech_helper").values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=list(ids), is_active=True))


def _absolute(path):
    from django.conf import settings

    base = getattr(settings, "SITE_URL", "") or ""
    return f"{base.rstrip('/')}{path}"


def ticket_create(*, wijk, by, category, subject, question, email="", name=""):
    """Ask for help. Without an account, an email address is the only way to answer, so it is required."""
    if category not in Category.values:
        raise ValidationError(_("Choose what your question is about."), code="category")
    subject = (subject or "").strip()
    question = (question or "").strip()
    if not question:
        raise ValidationError(_("Write your question, so we know how to help."), code="question")
    if len(question) > 5000:
        raise ValidationError(_("Please keep your question under 5000 characters."), code="too_long")
    email = (email or "").strip()
    user = by if by is not None and by.is_authenticated else None
    if user is None:
        if not email:
            raise ValidationError(
                _("Leave your email address: without it we have no way to send you an answer."),
                code="no_email",
            )
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(
                _("“%(email)s” is not an email address we can answer.") % {"email": email}, code="bad_email"
            ) from None
    with transaction.atomic():
        ticket = Ticket.objects.create(
            wijk=wijk,
            category=category,
            subject=(subject or question)[:150],
            question=question,
            asker=user,
            asker_email="" if user else email,
            asker_name=(name or "").strip()[:80] if not user else "",
            asker_language=get_language() or "",
        )
        notify(
            wijk=wijk,
            recipients=_helpers(wijk),
            kind="ticket_new",
            url=ticket.desk_url(),
            actor=user,
            title=_("New help question: %(subject)s") % {"subject": ticket.subject},
            body=question[:300],
        )
        if user is None:
            email_send(
                wijk=wijk,
                to_email=email,
                kind="ticket_reply",
                subject=_("We received your question: %(subject)s") % {"subject": ticket.subject},
                body=_(
                    "Thank you for your question. A tech helper of %(wijk)s will answer you. You can follow "
                    "your question here: %(url)s"
                )
                % {"wijk": wijk.name, "url": _absolute(ticket.get_absolute_url())},
            )
    return ticket


def _locked(wijk, ticket):
    locked = Ticket.objects.in_wijk(wijk).select_for_update().filter(pk=ticket.pk).first()
    if locked is None:
        raise ValidationError(_("This ticket is not in this wijk."), code="missing")
    return locked


def ticket_claim(*, wijk, ticket, by):
    require(by, "helpdesk.work", wijk)
    with transaction.atomic():
        ticket = _locked(wijk, ticket)
        if ticket.claimed_by_id and ticket.claimed_by_id != by.pk:
            raise ValidationError(
                _("%(name)s is already working on this ticket.") % {"name": ticket.claimed_by.name},
                code="claimed",
            )
        ticket.claimed_by = by
        if ticket.status == Ticket.Status.NEW:
            ticket.status = Ticket.Status.IN_PROGRESS
        ticket.save(update_fields=["claimed_by", "status"])
    return ticket


def ticket_reply(*, wijk, ticket, by, body, faq=None):
    """Answer the asker: on the ticket page, and by email or notification."""
    require(by, "helpdesk.work", wijk)
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write an answer first."), code="empty")
    if faq is not None and faq.wijk_id != wijk.pk:
        raise ValidationError(_("This FAQ entry is not in this wijk."), code="faq")
    now = timezone.now()
    with transaction.atomic():
        ticket = _locked(wijk, ticket)
        if ticket.status == Ticket.Status.CLOSED:
            raise ValidationError(_("This ticket is closed. Reopen it before answering."), code="closed")
        message = TicketMessage.objects.create(wijk=wijk, ticket=ticket, author=by, body=body, faq=faq)
        fields = ["status"]
        if ticket.first_response_at is None:
            ticket.first_response_at = now
            fields.append("first_response_at")
        if ticket.claimed_by_id is None:
            ticket.claimed_by = by
            fields.append("claimed_by")
        if ticket.status in (Ticket.Status.NEW, Ticket.Status.IN_PROGRESS):
            ticket.status = Ticket.Status.WAITING
        ticket.save(update_fields=fields)
        title = _("An answer to your question: %(subject)s") % {"subject": ticket.subject}
        if ticket.asker_id:
            notify(
                wijk=wijk,
                recipients=[ticket.asker],
                kind="ticket_reply",
                title=title,
                url=ticket.get_absolute_url(),
                actor=by,
                body=body[:300],
            )
        elif ticket.asker_email:
            email_send(
                wijk=wijk,
                to_email=ticket.asker_email,
                kind="ticket_reply",
                subject=title,
                body=_(
                    "%(body)s\n\n— %(name)s, tech helper of %(wijk)s\n\nRead the whole conversation "
                    "and answer here: %(url)s"
                )
                % {
                    "body": body,
                    "name": by.name,
                    "wijk": wijk.name,
                    "url": _absolute(ticket.get_absolute_url()),
                },
            )
    return message


def ticket_note(*, wijk, ticket, by, body):
    require(by, "helpdesk.work", wijk)
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write the note first."), code="empty")
    if ticket.wijk_id != wijk.pk:
        raise ValidationError(_("This ticket is not in this wijk."), code="missing")
    return TicketMessage.objects.create(wijk=wijk, ticket=ticket, author=by, body=body, internal=True)


def ticket_set_status(*, wijk, ticket, by, status):
    require(by, "helpdesk.work", wijk)
    if status not in Ticket.Status.values:
        raise ValidationError(_("Choose a status from the list."), code="status")
    now = timezone.now()
    with transaction.atomic():
        ticket = _locked(wijk, ticket)
        ticket.status = status
        if status == Ticket.Status.SOLVED:
            ticket.solved_at = ticket.solved_at or now
        elif status == Ticket.Status.CLOSED:
            ticket.closed_at = now
            ticket.solved_at = ticket.solved_at or now
        else:
            ticket.solved_at = None
            ticket.closed_at = None
        ticket.save(update_fields=["status", "solved_at", "closed_at"])
    return ticket


def ticket_escalate(*, wijk, ticket, by, note):
    """Hand a ticket to platform staff (something the wijk's helpers cannot fix)."""
    from wijkplatform.accounts.models import User

    require(by, "helpdesk.work", wijk)
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Say why platform staff should look at this."), code="empty")
    with transaction.atomic():
        ticket = _locked(wijk, ticket)
        if ticket.escalated_at:
            raise ValidationError(_("This ticket is already with platform staff."), code="escalated")
        ticket.escalated_at = timezone.now()
        ticket.escalation_note = note
        ticket.save(update_fields=["escalated_at", "escalation_note"])
        TicketMessage.objects.create(
            wijk=wijk,
            ticket=ticket,
            author=by,
            internal=True,
            body=_("Escalated to platform staff: %(note)s") % {"note": note},
        )
        for person in User.objects.filter(is_staff=True, is_active=True)[:20]:
            email_send(
                wijk=wijk,
                to_email=person.email,
                kind="ticket_escalated",
                subject=_("[%(wijk)s] Help ticket escalated: %(subject)s")
                % {"wijk": wijk.name, "subject": ticket.subject},
                body=f"{note}\n\n{_absolute(ticket.desk_url())}",
            )
    return ticket


def ticket_asker_reply(*, wijk, ticket, body):
    """The asker answers on their ticket page (reached by its secret address)."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write your answer first."), code="empty")
    with transaction.atomic():
        ticket = _locked(wijk, ticket)
        if ticket.status == Ticket.Status.CLOSED:
            raise ValidationError(
                _("This question is closed. Ask a new question if you still need help."), code="closed"
            )
        message = TicketMessage.objects.create(
            wijk=wijk, ticket=ticket, author=ticket.asker, from_asker=True, body=body[:5000]
        )
        if ticket.status in (Ticket.Status.WAITING, Ticket.Status.SOLVED):
            ticket.status = Ticket.Status.IN_PROGRESS
            ticket.solved_at = None
            ticket.save(update_fields=["status", "solved_at"])
        recipients = [ticket.claimed_by] if ticket.claimed_by_id else _helpers(wijk)
        notify(
            wijk=wijk,
            recipients=recipients,
            kind="ticket_reply",
            url=ticket.desk_url(),
            actor=ticket.asker,
            title=_("The asker answered: %(subject)s") % {"subject": ticket.subject},
            body=body[:300],
        )
    return message


def ticket_rate(*, wijk, ticket, rating, comment=""):
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError(_("Give a rating from 1 to 5."), code="rating")
    with transaction.atomic():
        ticket = _locked(wijk, ticket)
        if ticket.status not in (Ticket.Status.SOLVED, Ticket.Status.CLOSED):
            raise ValidationError(_("You can rate the help once your question is solved."), code="not_solved")
        if ticket.rated_at is not None:
            raise ValidationError(_("You already rated this help. Thank you!"), code="rated")
        ticket.rating = rating
        ticket.rating_comment = (comment or "").strip()[:500]
        ticket.rated_at = timezone.now()
        ticket.save(update_fields=["rating", "rating_comment", "rated_at"])
    return ticket


def faq_create(*, wijk, by, question, answer, category=Category.OTHER, keywords=""):
    require(by, "helpdesk.work", wijk)
    if not (question or "").strip() or not (answer or "").strip():
        raise ValidationError(_("An FAQ entry needs a question and an answer."), code="empty")
    if category not in Category.values:
        raise ValidationError(_("Choose what the question is about."), code="category")
    return FAQ.objects.create(
        wijk=wijk,
        question=question.strip(),
        answer=answer.strip(),
        category=category,
        keywords=(keywords or "").strip(),
    )


def canned_create(*, wijk, by, title, body, faq=None):
    require(by, "helpdesk.work", wijk)
    if not (title or "").strip() or not (body or "").strip():
        raise ValidationError(_("A canned answer needs a title and a text."), code="empty")
    if faq is not None and faq.wijk_id != wijk.pk:
        raise CapabilityDenied(_("This FAQ entry is not in this wijk."))
    return CannedAnswer.objects.create(wijk=wijk, title=title.strip(), body=body.strip(), faq=faq)


# --- Failed background tasks (recorded by the task_failure signal, see taskfailures.py) ----------------

TASK_FAILURES_KEEP_DAYS = 30


def task_failure_record(*, task, args=(), kwargs=None, exception=None):
    """Store one failed task: its name, the wijk its arguments name (or none), the error class and message."""
    from .taskfailures import wijk_id_of_task

    name = getattr(task, "name", None) or str(task)
    with transaction.atomic():  # a savepoint: a failed insert must not break the caller's transaction
        return TaskFailure.objects.create(
            wijk_id=wijk_id_of_task(task, args, kwargs),
            task=name[:200],
            error=type(exception).__name__[:200] if exception is not None else "",
            message=" ".join(str(exception or "").split())[:300],
        )


def task_failures_prune(*, keep_days=TASK_FAILURES_KEEP_DAYS, now=None):
    """Delete failures older than `keep_days`; returns how many went."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=keep_days)
    deleted, _rows = TaskFailure.objects.filter(created_at__lt=cutoff).delete()
    return deleted
