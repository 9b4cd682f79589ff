import secrets
from datetime import timedelta

import factory
from django.utils import timezone

from wijkplatform.polls.models import Choice, Poll, Question


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poll

    title = factory.Sequence(lambda n: f"Poll {n}")
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    salt = factory.LazyFunction(lambda: secrets.token_hex(16))
    published_at = factory.LazyFunction(timezone.now)


def quick_poll(wijk, *, choices=("Yes", "No"), kind=Question.Kind.SINGLE, **fields):
    poll = PollFactory(wijk=wijk, **fields)
    question = Question.objects.create(wijk=wijk, poll=poll, text=poll.title, kind=kind)
    for i, text in enumerate(choices):
        Choice.objects.create(wijk=wijk, question=question, position=i, text=text)
    return poll


def fresh(obj):
    return type(obj).objects.in_wijk(obj.wijk_id).get(pk=obj.pk)
