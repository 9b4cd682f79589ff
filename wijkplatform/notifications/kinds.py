"""The kinds of notification the platform sends, with the channel a member gets until they choose."""

from django.utils.translation import gettext_lazy as _

from .models import Channel

# kind -> (label on the preferences page, default channel). Other apps may use other kinds: those default
# to in-app. The settings page lists the kinds in KINDS, plus any other kind a member has received.
KINDS = {
    "reply": (_("Replies to my posts and comments"), Channel.EMAIL),
    "mention": (_("Someone mentions me (@name)"), Channel.EMAIL),
    "message": (_("Personal messages"), Channel.EMAIL),
    "followed_post": (_("News on posts I follow"), Channel.IN_APP),
    "initiative_update": (_("Updates of initiatives I support"), Channel.IN_APP),
    "event_reminder": (_("Reminders of events I go to"), Channel.EMAIL),
    "event_cancelled": (_("An event I go to is cancelled"), Channel.EMAIL),
    "waitlist_promoted": (_("I got a place from an event's waiting list"), Channel.EMAIL),
    "story_status": (_("News about stories I write"), Channel.IN_APP),
    "ticket_reply": (_("Answers to my help-desk questions"), Channel.EMAIL),
    "moderation_decision": (_("Decisions about content I reported or wrote"), Channel.IN_APP),
    "budget": (_("News about the wijk budget"), Channel.IN_APP),
    "neighbour_of_the_month": (_("Neighbour of the month"), Channel.IN_APP),
}
# Kinds for some roles only: on the settings page once a member has received one.
ROLE_KINDS = {
    "ticket_new": (_("New help-desk questions"), Channel.IN_APP),
    "ticket_escalated": (_("Help-desk questions passed on to me"), Channel.IN_APP),
    "message_report": (_("Reported personal messages"), Channel.IN_APP),
    "partner_request": (_("Requests from partner organisations"), Channel.IN_APP),
}
# Emails to addresses (email_send): named on the unsubscribe page.
EMAIL_KINDS = {
    "welcome": _("Welcome emails for a new wijk"),
    "invitation": _("Invitations to join a wijk"),
    "event_guest": _("Emails about events I signed up for as a guest"),
    "poll_answer": _("Confirming my answer to a poll as a guest"),
}
DEFAULT_CHANNEL = Channel.IN_APP

# The pseudo-kind of the digest email itself: unsubscribing from it turns the digest off.
DIGEST = "digest"


def kind_label(kind):
    if kind == DIGEST:
        return _("The digest of the wijk")
    if kind in KINDS:
        return KINDS[kind][0]
    if kind in ROLE_KINDS:
        return ROLE_KINDS[kind][0]
    if kind in EMAIL_KINDS:
        return EMAIL_KINDS[kind]
    return kind.replace("_", " ").capitalize()


def default_channel(kind):
    if kind in KINDS:
        return KINDS[kind][1]
    if kind in ROLE_KINDS:
        return ROLE_KINDS[kind][1]
    return DEFAULT_CHANNEL
