import factory
from django.utils import timezone

from wijkplatform.newsroom.models import Pitch, Story


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    title = factory.Sequence(lambda n: f"Story number {n}")
    lead = "Neighbours planted forty trees along the canal on Saturday."
    body = "It started with **one** idea.\n\nThen the whole street came out to help."
    language = "nl"
    status = Story.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    tags = "green, canal"


class PitchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pitch

    title = factory.Sequence(lambda n: f"Idea {n}")
    summary = "The bakery on the corner turns fifty."
