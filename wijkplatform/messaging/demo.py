"""Demo content: a conversation between a resident and the point host, about lending a ladder."""

from .models import Conversation, Message, Participant

LINES = {
    "nl": [
        (
            "resident",
            "Hoi Ria, heb jij misschien een ladder die ik zaterdag mag lenen? Ik wil de dakgoot schoonmaken.",
        ),
        ("point_host", "Zeker! Kom hem vrijdag maar ophalen bij het Wijkpunt, na vieren."),
    ],
    "en": [
        ("resident", "Hi! Do you have a ladder I could borrow on Saturday? I want to clear the gutters."),
        ("point_host", "Of course. Pick it up at the Point on Friday after four."),
    ],
}


def populate(*, wijk, people):
    resident, host = people["resident"], people["point_host"]
    mine = Participant.objects.in_wijk(wijk).filter(user=resident).values("conversation_id")
    if Participant.objects.in_wijk(wijk).filter(user=host, conversation_id__in=mine).exists():
        return
    conversation = Conversation.objects.create(wijk=wijk, started_by=resident)
    Participant.objects.bulk_create(
        [Participant(wijk=wijk, conversation=conversation, user=u) for u in (resident, host)]
    )
    last = None
    for role, text in LINES.get(wijk.language, LINES["en"]):
        last = Message.objects.create(wijk=wijk, conversation=conversation, author=people[role], text=text)
    Conversation.objects.in_wijk(wijk).filter(pk=conversation.pk).update(last_message_at=last.created_at)
