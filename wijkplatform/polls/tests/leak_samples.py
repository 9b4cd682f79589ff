from wijkplatform.core.testing.leakwalk import sample
from wijkplatform.polls.models import Response
from wijkplatform.polls.services import guest_token

from .factories import quick_poll


@sample
def polls(wijk, marker, author):
    poll = quick_poll(wijk, title=marker, asked_by=author, guests_may_answer=True, choices=(marker, "No"))
    draft = quick_poll(wijk, title=f"{marker} draft", asked_by=author, published_at=None)
    response = Response.objects.create(
        wijk=wijk, poll=poll, respondent_key="x" * 64, guest_email="g@example.org", confirmed=False
    )
    return {
        "polls:detail": {"pk": poll.pk},
        "polls:answer": {"pk": poll.pk},
        "polls:manage": {"pk": draft.pk},
        "polls:publish": {"pk": draft.pk},
        "polls:export": {"pk": poll.pk},
        "polls:guest_confirm": {"token": guest_token(response)},
    }
