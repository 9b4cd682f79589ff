"""Demo moderation: the wijk's community guidelines, accepted by the demo people. Idempotent."""

from .services import guidelines_accept, guidelines_ensure


def populate(*, wijk, people):
    guidelines_ensure(wijk=wijk)
    for user in people.values():
        guidelines_accept(wijk=wijk, user=user)
