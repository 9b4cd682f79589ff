from collections import Counter

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkplatform.core.capabilities import can

from .models import Answer, Choice, Poll, Question, Response


def polls_open(*, wijk, limit=None):
    now = timezone.now()
    polls = Poll.objects.in_wijk(wijk).filter(published_at__isnull=False, closes_at__gt=now).order_by("closes_at")
    return polls[:limit] if limit else polls


def polls_for(*, wijk, user):
    """Published polls, and the drafts this person is writing."""
    mine = Q(asked_by=user) if user.is_authenticated else Q(pk__in=[])
    return Poll.objects.in_wijk(wijk).filter(Q(published_at__isnull=False) | mine).order_by("-created_at")


def poll_get_for(*, wijk, user, pk):
    poll = (
        Poll.objects.in_wijk(wijk)
        .filter(pk=pk)
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.in_wijk(wijk).prefetch_related(
                    Prefetch("choices", queryset=Choice.objects.in_wijk(wijk))
                ),
            )
        )
        .select_related("asked_by")
        .first()
    )
    if poll is None or (poll.published_at is None and not (user.is_authenticated and poll.asked_by_id == user.pk)):
        raise Http404(_("There is no such poll in this wijk."))
    return poll


def has_answered(*, wijk, poll, user):
    if not user.is_authenticated:
        return False
    return Response.objects.in_wijk(wijk).filter(poll=poll, respondent_key=poll.respondent_key(user=user)).exists()


def is_asker(poll, user):
    return user.is_authenticated and poll.asked_by_id == user.pk


def may_see_results(*, wijk, poll, user, answered):
    if is_asker(poll, user) or poll.is_closed:
        return True
    return poll.results == Poll.Results.AFTER_ANSWER and answered


def _questions(*, wijk, poll):
    """The questions with their choices: from the prefetch of `poll_get_for` when there is one."""
    if "questions" in getattr(poll, "_prefetched_objects_cache", {}):
        return poll.questions.all()
    return (
        Question.objects.in_wijk(wijk)
        .filter(poll=poll)
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.in_wijk(wijk)))
    )


def results(*, wijk, poll, with_texts=False):
    """[{question, total, rows: [(label, count)], mean, texts}] counted over confirmed responses."""
    answers = Answer.objects.in_wijk(wijk).filter(response__poll=poll, response__confirmed=True)
    respondents = Response.objects.in_wijk(wijk).filter(poll=poll, confirmed=True).count()
    by_choice = Counter(answers.filter(choice__isnull=False).values_list("choice_id", flat=True))
    by_number = Counter(answers.filter(number__isnull=False).values_list("question_id", "number"))
    texts = {}
    if with_texts:
        for question_id, text in answers.exclude(text="").values_list("question_id", "text"):
            texts.setdefault(question_id, []).append(text)
    out = []
    for q in _questions(wijk=wijk, poll=poll):
        item = {
            "question": q,
            "respondents": respondents,
            "rows": [],
            "mean": None,
            "texts": texts.get(q.pk, []),
        }
        if q.has_choices:
            item["rows"] = [(c.text, by_choice.get(c.pk, 0)) for c in q.choices.all()]
        elif q.kind == Question.Kind.SCALE:
            item["rows"] = [(str(n), by_number.get((q.pk, n), 0)) for n in Question.SCALE]
            total = sum(count for _label, count in item["rows"])
            if total:
                item["mean"] = sum(int(label) * count for label, count in item["rows"]) / total
        out.append(item)
    return out


def responses_for_export(*, wijk, poll):
    return (
        Response.objects.in_wijk(wijk)
        .filter(poll=poll, confirmed=True)
        .select_related("user")
        .order_by("pk")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.in_wijk(wijk).select_related("choice")))
    )


def may_export(*, wijk, poll, user):
    return is_asker(poll, user) and can(user, "poll.ask", wijk)
