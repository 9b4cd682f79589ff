"""Every write of messaging: starting a conversation, sending, reading, blocking, reporting, the setting."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkplatform.core import ratelimit
from wijkplatform.core.services import require

from . import selectors
from .models import MAX_PEOPLE, Block, Conversation, Message, MessageReport, MessagingSettings, Participant


def _notify(**kwargs):
    from wijkplatform.notifications.services import notify

    notify(**kwargs)


RATE_LIMITS = {"start": (20, 3600), "send": (60, 600)}  # (how many, per seconds) for one person


def _rate_limit(*, user, what):
    limit, seconds = RATE_LIMITS[what]
    if ratelimit.hit(f"messaging:rate:{what}:{user.pk}", limit=limit, seconds=seconds):
        raise ValidationError(_("You are sending messages very fast. Please wait a while and try again."))


def _clean_text(text):
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write a message."))
    if len(text) > 5000:
        raise ValidationError(_("A message has at most 5000 characters."))
    return text


def check_may_message(*, wijk, sender, recipient):
    """Raise ValidationError when `sender` may not start a conversation with `recipient` in this wijk."""
    name = recipient.name
    if recipient.pk == sender.pk:
        raise ValidationError(_("You cannot send a message to yourself."))
    if not _is_member(wijk, recipient):
        raise ValidationError(_("%(name)s is not a member of this wijk."), params={"name": name})
    if selectors.has_blocked(blocker=sender, blocked=recipient):
        raise ValidationError(_("You blocked %(name)s. Unblock them first."), params={"name": name})
    if selectors.has_blocked(blocker=recipient, blocked=sender):
        raise ValidationError(_("%(name)s does not receive messages from you."), params={"name": name})
    who = selectors.setting_of(user=recipient)
    if who == MessagingSettings.Who.NOBODY or (
        who == MessagingSettings.Who.RESPONDED and not selectors.has_answered(person=recipient, other=sender)
    ):
        raise ValidationError(_("%(name)s does not receive messages from you."), params={"name": name})


def _is_member(wijk, user):
    """Messages are between members who share the wijk: platform staff who are not members take no part."""
    from wijkplatform.wijken.models import Membership

    return Membership.objects.in_wijk(wijk).filter(user_id=user.pk, status=Membership.Status.ACTIVE).exists()


def conversation_start(*, wijk, recipients, text, by):
    """A new conversation in this wijk with one to seven members; a one-to-one continues if it exists."""
    require(by, "message.send", wijk)
    if not _is_member(wijk, by):
        raise ValidationError(_("Join this wijk to write to its members."))
    text = _clean_text(text)
    people = {r.pk: r for r in recipients if r.pk != by.pk}
    if not people:
        raise ValidationError(_("Choose who you write to."))
    if len(people) + 1 > MAX_PEOPLE:
        raise ValidationError(_("A group conversation has at most %(n)s people."), params={"n": MAX_PEOPLE})
    for person in people.values():
        check_may_message(wijk=wijk, sender=by, recipient=person)
    _rate_limit(user=by, what="start")
    with transaction.atomic():
        conversation = None
        if len(people) == 1:
            conversation = selectors.existing_pair(wijk=wijk, user=by, other=next(iter(people.values())))
        if conversation is None:
            conversation = Conversation.objects.create(wijk=wijk, started_by=by)
            Participant.objects.bulk_create(
                [Participant(wijk=wijk, conversation=conversation, user=u) for u in [by, *people.values()]]
            )
        _add_message(wijk=wijk, conversation=conversation, text=text, by=by, others=list(people.values()))
    return conversation


def message_send(*, wijk, conversation, text, by):
    require(by, "message.send", wijk)
    text = _clean_text(text)
    participants = selectors.participants_of(wijk=wijk, conversation=conversation)
    if by.pk not in {p.user_id for p in participants}:
        raise ValidationError(_("You do not take part in this conversation."))
    others = [p.user for p in participants if p.user_id != by.pk]
    for other in others:
        if selectors.has_blocked(blocker=other, blocked=by):
            raise ValidationError(_("%(name)s does not receive messages from you."), params={"name": other.name})
    _rate_limit(user=by, what="send")
    with transaction.atomic():
        return _add_message(wijk=wijk, conversation=conversation, text=text, by=by, others=others)


def _add_message(*, wijk, conversation, text, by, others):
    message = Message.objects.create(wijk=wijk, conversation=conversation, author=by, text=text)
    now = message.created_at
    Conversation.objects.in_wijk(wijk).filter(pk=conversation.pk).update(last_message_at=now)
    Participant.objects.in_wijk(wijk).filter(conversation=conversation, user=by).update(last_read_at=now)
    selectors.forget_unread_totals(user_ids=[by.pk, *(other.pk for other in others)])
    # The email says who wrote, never what: the message is read on the site.
    _notify(
        wijk=wijk,
        recipients=others,
        kind="message",
        actor=by,
        title=_("%(name)s sent you a message") % {"name": by.name},
        url=conversation.get_absolute_url(),
    )
    return message


def conversation_mark_read(*, wijk, participant):
    participant.last_read_at = timezone.now()
    Participant.objects.in_wijk(wijk).filter(pk=participant.pk).update(last_read_at=participant.last_read_at)
    selectors.forget_unread_totals(user_ids=[participant.user_id])


def block(*, user, other):
    if other.pk == user.pk:
        raise ValidationError(_("You cannot block yourself."))
    Block.objects.get_or_create(blocker=user, blocked=other)


def unblock(*, user, other):
    Block.objects.filter(blocker=user, blocked=other).delete()


def who_may_message_set(*, user, who):
    if who not in MessagingSettings.Who.values:
        raise ValidationError(_("Choose who may send you a message."))
    MessagingSettings.objects.update_or_create(user=user, defaults={"who_may_message": who})


def message_report(*, wijk, message, reason, by):
    """Show a message to the editors of the conversation's wijk: the only way anyone else reads it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say what is wrong with this message."))
    if message.author_id == by.pk:
        raise ValidationError(_("You cannot report your own message."))
    if not Participant.objects.in_wijk(wijk).filter(conversation_id=message.conversation_id, user=by).exists():
        raise ValidationError(_("You do not take part in this conversation."))
    try:
        with transaction.atomic():
            report = MessageReport.objects.create(wijk=wijk, message=message, reporter=by, reason=reason[:500])
            _notify_editors(wijk=wijk, by=by)
    except IntegrityError:
        raise ValidationError(_("You reported this message already.")) from None
    return report


def _notify_editors(*, wijk, by):
    from django.urls import reverse

    from wijkplatform.wijken.models import RoleAssignment

    editors = [ra.user for ra in RoleAssignment.objects.in_wijk(wijk).filter(role="editor").select_related("user")]
    _notify(
        wijk=wijk,
        recipients=editors,
        kind="message_report",
        actor=by,
        title=_("A private message was reported"),
        url=reverse("messaging:reports", kwargs={"wijk_slug": wijk.slug}),
    )


def report_resolve(*, wijk, report, resolution, by):
    require(by, "moderation.review", wijk)
    if report.resolved_at:
        raise ValidationError(_("This report is handled already."))
    report.resolved_at = timezone.now()
    report.resolved_by = by
    report.resolution = (resolution or "").strip()[:500]
    report.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    return report
