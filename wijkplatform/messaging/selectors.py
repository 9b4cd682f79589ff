"""Reads of messages. A person's own conversations are read across wijken on purpose (`cross_wijk`)."""

from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _

from wijkplatform.core.pagecache import forget, kept_until_forgotten
from wijkplatform.core.tenancy import cross_wijk
from wijkplatform.wijken.models import Membership

from .models import Block, Conversation, Message, MessageReport, MessagingSettings, Participant

OWN = "a person's own messages"


def _unread_filter(user):
    new = Q(conversation__messages__created_at__gt=F("last_read_at")) | Q(last_read_at__isnull=True)
    return new & Q(conversation__messages__isnull=False) & ~Q(conversation__messages__author=user)


def conversations_of(*, user):
    """The person's conversations in all their wijken, newest first, each with `unread` and `others`."""
    if not user.is_authenticated:
        return []
    with cross_wijk(OWN):
        rows = list(
            Participant.objects.filter(user=user)
            .select_related("conversation__wijk")
            .annotate(unread=Count("conversation__messages", filter=_unread_filter(user)))
            .prefetch_related(
                Prefetch(
                    "conversation__participants",
                    queryset=Participant.objects.exclude(user=user).select_related("user"),
                    to_attr="others",
                )
            )
            .order_by(F("conversation__last_message_at").desc(nulls_last=True), "-pk")
        )
    return rows


def unread_total(*, user):
    """How many messages to this person, in all their wijken, are unread. Kept until one arrives or they read
    a conversation (`forget_unread_totals`)."""
    if not user.is_authenticated:
        return 0
    # One filter() call, so that the read time is the one of this person's own participant row.
    mine = Q(conversation__participants__user=user) & (
        Q(conversation__participants__last_read_at__isnull=True)
        | Q(created_at__gt=F("conversation__participants__last_read_at"))
    )

    def read():
        with cross_wijk(OWN):
            return Message.objects.filter(mine).exclude(author=user).count()

    return kept_until_forgotten(unread_name(user.pk), read)


def forget_unread_totals(*, user_ids):
    forget([unread_name(pk) for pk in user_ids])


def unread_name(user_id):
    return f"messages:unread:{user_id}"


def conversation_get_for(*, wijk, user, pk):
    """The conversation if this person takes part in it; a 404 for anyone else (staff too)."""
    if not user.is_authenticated:
        raise Http404(_("There is no such conversation."))
    participant = (
        Participant.objects.in_wijk(wijk).filter(conversation_id=pk, user=user).select_related("conversation").first()
    )
    if participant is None:
        raise Http404(_("There is no such conversation."))
    return participant.conversation, participant


def participants_of(*, wijk, conversation):
    return list(Participant.objects.in_wijk(wijk).filter(conversation=conversation).select_related("user"))


def messages_of(*, wijk, conversation):
    return Message.objects.in_wijk(wijk).filter(conversation=conversation).select_related("author")


def message_get_for(*, wijk, user, pk):
    """A message in a conversation this person takes part in, or 404."""
    message = Message.objects.in_wijk(wijk).filter(pk=pk).select_related("author").first()
    if (
        message is None
        or not user.is_authenticated
        or not Participant.objects.in_wijk(wijk).filter(conversation_id=message.conversation_id, user=user).exists()
    ):
        raise Http404(_("There is no such message."))
    return message


def setting_of(*, user):
    found = MessagingSettings.objects.filter(user=user).first()
    return found.who_may_message if found else MessagingSettings.Who.EVERYONE


def has_blocked(*, blocker, blocked):
    """Whether `blocker` blocked `blocked`: then `blocked` cannot message or mention them."""
    if blocker is None or blocked is None or not blocker.pk or not blocked.pk:
        return False
    return Block.objects.filter(blocker=blocker, blocked=blocked).exists()


def blocked_by(*, user):
    return Block.objects.filter(blocker=user).select_related("blocked").order_by("-created_at")


def has_answered(*, person, other):
    """Whether `person` ever wrote in a conversation that `other` takes part in ("people I responded to")."""
    with cross_wijk(OWN):
        theirs = Participant.objects.filter(user=other).values("conversation_id")
        return Message.objects.filter(author=person, conversation_id__in=theirs).exists()


def existing_pair(*, wijk, user, other):
    """The one-to-one conversation of these two in this wijk, if there is one."""
    mine = Participant.objects.in_wijk(wijk).filter(user=user).values("conversation_id")
    theirs = Participant.objects.in_wijk(wijk).filter(user=other).values("conversation_id")
    pairs = (
        Conversation.objects.in_wijk(wijk)
        .filter(pk__in=mine)
        .filter(pk__in=theirs)
        .annotate(n=Count("participants"))
        .filter(n=2)
    )
    return pairs.first()


def members_to_message(*, wijk, user):
    return (
        Membership.objects.in_wijk(wijk)
        .filter(status=Membership.Status.ACTIVE)
        .exclude(user=user)
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )


def reports_open(*, wijk):
    return (
        MessageReport.objects.in_wijk(wijk)
        .filter(resolved_at__isnull=True)
        .select_related("message__author", "reporter")
        .order_by("created_at")
    )


def report_get_for(*, wijk, pk):
    report = MessageReport.objects.in_wijk(wijk).filter(pk=pk).first()
    if report is None:
        raise Http404(_("There is no such report."))
    return report
