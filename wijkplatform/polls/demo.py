"""Demo content: an open quick poll with some answers, in the wijk's language."""

import secrets
from datetime import timedelta

from django.utils import timezone

from .models import Answer, Choice, Poll, Question, Response

TEXT = {
    "nl": (
        "Op welke dag houden we de grote buurtschoonmaak?",
        "Met prikkers, handschoenen en koffie na afloop bij het Wijkpunt.",
        ["Zaterdagochtend", "Zondagmiddag", "Woensdagavond"],
    ),
    "en": (
        "Which day should we hold the big neighbourhood clean-up?",
        "Litter pickers, gloves and coffee afterwards at the Point.",
        ["Saturday morning", "Sunday afternoon", "Wednesday evening"],
    ),
}


def populate(*, wijk, people):
    title, description, choices = TEXT.get(wijk.language, TEXT["en"])
    now = timezone.now()
    poll, created = Poll.objects.in_wijk(wijk).get_or_create(
        wijk=wijk,
        title=title,
        defaults={
            "description": description,
            "asked_by": people["editor"],
            "closes_at": now + timedelta(days=21),
            "salt": secrets.token_hex(16),
            "published_at": now,
            "guests_may_answer": True,
        },
    )
    if not created:
        return
    question = Question.objects.create(wijk=wijk, poll=poll, text=title, kind=Question.Kind.SINGLE)
    made = [Choice.objects.create(wijk=wijk, question=question, position=i, text=t) for i, t in enumerate(choices)]
    for role, index in (("resident", 0), ("partner", 0), ("reporter", 1), ("point_host", 0)):
        person = people[role]
        response = Response.objects.create(
            wijk=wijk, poll=poll, respondent_key=poll.respondent_key(user=person), user=person
        )
        Answer.objects.create(wijk=wijk, response=response, question=question, choice=made[index])
