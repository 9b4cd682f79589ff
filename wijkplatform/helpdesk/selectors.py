"""Reads of the help desk, wijk first."""

import datetime
import re

from django.conf import settings
from django.db.models import Avg, Count, F, Q
from django.http import Http404
from django.utils import timezone

from wijkplatform.moderation.models import Report
from wijkplatform.notifications.models import OutboxMessage

from .models import FAQ, CannedAnswer, ErrorRecord, TaskFailure, Ticket, TicketMessage

WORD_RE = re.compile(r"\w{3,}", re.UNICODE)
STOP_WORDS = {
    "the",
    "and",
    "how",
    "can",
    "what",
    "with",
    "for",
    "you",
    "this",
    "that",
    "not",
    "does",
    "have",
    "are",
    "but",
    "het",
    "een",
    "van",
    "hoe",
    "wat",
    "met",
    "voor",
    "niet",
    "kan",
    "ik",
    "mijn",
    "mij",
    "dat",
    "die",
    "dit",
    "zijn",
    "heb",
    "maar",
    "wel",
    "ook",
    "als",
    "bij",
    "naar",
    "wil",
    "my",
}


def _words(text):
    return {w for w in (m.group(0).casefold() for m in WORD_RE.finditer(text or "")) if w not in STOP_WORDS}


def faq_published(*, wijk, category=None):
    qs = FAQ.objects.in_wijk(wijk).filter(is_published=True)
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("position", "question")


def faq_matches(*, wijk, text, category=None, limit=5):
    """FAQ entries that share words with the question (prefix match tolerates plurals), best first."""
    words = _words(text)
    if not words and not category:
        return []
    scored = []
    for faq in faq_published(wijk=wijk)[:300]:
        faq_words = _words(f"{faq.question} {faq.keywords}")
        answer_words = _words(faq.answer)
        score = 0
        for word in words:
            stem = word[:5]
            if any(w.startswith(stem) for w in faq_words):
                score += 3
            elif any(w.startswith(stem) for w in answer_words):
                score += 1
        if category and faq.category == category:
            score += 1
        if score >= 2 or (score and not words):
            scored.append((score, faq))
    scored.sort(key=lambda pair: (-pair[0], pair[1].position, pair[1].question))
    return [faq for _score, faq in scored[:limit]]


def ticket_for_asker(*, wijk, token):
    ticket = Ticket.objects.in_wijk(wijk).filter(token=token).select_related("claimed_by", "asker").first()
    if ticket is None or not token:
        raise Http404("No such ticket")
    return ticket


def ticket_get_for(*, wijk, user, pk):
    from wijkplatform.core.capabilities import can

    if not can(user, "helpdesk.work", wijk):
        raise Http404("No such ticket")
    ticket = Ticket.objects.in_wijk(wijk).filter(pk=pk).select_related("claimed_by", "asker").first()
    if ticket is None:
        raise Http404("No such ticket")
    return ticket


def public_messages(*, wijk, ticket):
    return TicketMessage.objects.in_wijk(wijk).filter(ticket=ticket, internal=False).select_related("author")


def all_messages(*, wijk, ticket):
    return TicketMessage.objects.in_wijk(wijk).filter(ticket=ticket).select_related("author", "faq")


def tickets_for_desk(*, wijk, status=None, mine=None):
    qs = Ticket.objects.in_wijk(wijk).select_related("claimed_by", "asker")
    if status == "open":
        qs = qs.filter(status__in=Ticket.OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if mine is not None:
        qs = qs.filter(claimed_by=mine)
    return qs.order_by("-created_at")


def unanswered_count(*, wijk):
    return Ticket.objects.in_wijk(wijk).filter(status__in=Ticket.OPEN_STATUSES, first_response_at__isnull=True).count()


def desk_figures(*, wijk, days=90):
    """Average first-response and resolution times, rating, and counts over the last `days`."""
    since = timezone.now() - datetime.timedelta(days=days)
    qs = Ticket.objects.in_wijk(wijk).filter(created_at__gte=since)
    figures = qs.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=Ticket.OPEN_STATUSES)),
        first_response=Avg(F("first_response_at") - F("created_at"), filter=Q(first_response_at__isnull=False)),
        resolution=Avg(F("solved_at") - F("created_at"), filter=Q(solved_at__isnull=False)),
        avg_rating=Avg("rating"),
        rated_count=Count("pk", filter=Q(rating__isnull=False)),
    )
    return figures


def canned_answers(*, wijk):
    return CannedAnswer.objects.in_wijk(wijk).select_related("faq").order_by("title")


def task_queue():
    """Tasks waiting in the broker's queue, for the whole platform (the queue does not know wijken).

    `mode` is "in-process" (no broker: tasks run inside the request, nothing waits), "broker" with
    `waiting`, or "unknown" (the broker is not Redis, or it cannot be reached)."""
    from wijkplatform.core.metrics import celery_queue_length

    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"mode": "in-process", "waiting": 0}
    waiting = celery_queue_length()
    if waiting is None:
        return {"mode": "unknown", "waiting": None}
    return {"mode": "broker", "waiting": waiting}


def task_failures(*, wijk, since):
    """The wijk's failed tasks since `since` in full; failures about no wijk only as a number."""
    failures = TaskFailure.objects.filter(wijk=wijk, created_at__gte=since)
    return {
        "count": failures.count(),
        "list": list(failures.order_by("-created_at")[:20]),
        "platform": TaskFailure.objects.filter(wijk__isnull=True, created_at__gte=since).count(),
    }


def wijk_health(*, wijk):
    """Everything the wijk health page shows."""
    from wijkplatform.core.health import platform_health

    day_ago = timezone.now() - datetime.timedelta(days=1)
    emails = OutboxMessage.objects.in_wijk(wijk)
    rows = dict(emails.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    health = {
        "platform": platform_health(),
        "emails": {
            "pending": rows.get("pending", 0) + rows.get("sending", 0),
            "failed": rows.get("failed", 0),
            "sent_today": emails.filter(status="sent", sent_at__gte=day_ago).count(),
            "oldest_pending": emails.filter(status__in=["pending", "sending"])
            .order_by("created_at")
            .values_list("created_at", flat=True)
            .first(),
            "failed_list": list(
                emails.filter(status="failed")
                .order_by("-created_at")
                .values("to_email", "subject", "last_error", "created_at")[:10]
            ),
        },
        "reports": Report.objects.in_wijk(wijk).filter(status="open").count(),
    }
    health["unanswered"] = unanswered_count(wijk=wijk)
    health["open_tickets"] = Ticket.objects.in_wijk(wijk).filter(status__in=Ticket.OPEN_STATUSES).count()
    # The wijk's own errors in full; errors outside any wijk only as a number (they may be about anyone).
    errors = ErrorRecord.objects.filter(wijk=wijk, created_at__gte=day_ago)
    health["error_count"] = errors.count()
    health["errors"] = list(errors.order_by("-created_at")[:20])
    health["platform_errors"] = ErrorRecord.objects.filter(wijk__isnull=True, created_at__gte=day_ago).count()
    health["task_failures"] = task_failures(wijk=wijk, since=day_ago)
    queue = task_queue()
    queue["pending"] = (queue["waiting"] or 0) + health["emails"]["pending"]
    health["queue"] = queue
    return health
