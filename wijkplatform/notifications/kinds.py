"""The kinds of notification the platform sends, with the channel a member gets until they choose."""

from django.utils.translation import gettext_lazy as _

from .models import Channel

# kind -> (label on the preferences page, default channel). Other apps may use other kinds: those default
# to in-app and appear on the preferences page once a member has received one.
KINDS = {
    "reply": (_("Replies to my posts and comments"), Channel.EMAIL),
    "mention": (_("Someone mentions me (@name)"), Channel.EMAIL),
    "event_reminder": (_("Reminders of events I go to"), Channel.EMAIL),
    "waitlist_promoted": (_("I got a place from an event's waiting list"), Channel.EMAIL),
    "story_status": (_("News about stories I write"), Channel.IN_APP),
    "ticket_reply": (_("Answers to my help-desk questions"), Channel.EMAIL),
    "moderation_decision": (_("Decisions about content I reported or wrote"), Channel.IN_APP),
}
DEFAULT_CHANNEL = Channel.IN_APP

# The pseudo-kind of the digest email itself: unsubscribing from it turns the digest off.
DIGEST = "digest"


def kind_label(kind):
    if kind == DIGEST:
        return _("The digest of the wijk")
    if kind in KINDS:
        return KINDS[kind][0]
    return kind.replace("_", " ").capitalize()


def default_channel(kind):
    return KINDS[kind][1] if kind in KINDS else DEFAULT_CHANNEL
