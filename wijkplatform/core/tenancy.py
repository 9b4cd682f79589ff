"""Which models belong to a wijk, which are global, and the escape hatch for cross-wijk queries.

Every model is either wijk-scoped (inherits `WijkScopedModel`) or named in `GLOBAL_MODELS`; a test fails
on a model that is neither. In tests, a guard fails any query on a wijk-scoped table that does not
constrain `wijk_id`, unless it runs inside `cross_wijk(reason)`: the short, explicit allow-list for
platform-wide staff pages, a person's own memberships across wijken, data export and erasure.
"""

from django.apps import apps

from .models import WijkScopedModel
from .tenancy_context import cross_wijk, cross_wijk_allowed  # noqa: F401 - the public names live here

# app_label.ModelName of every model that belongs to no single wijk, with the reason.
GLOBAL_MODELS = {
    "accounts.User": "a person has one account across wijken",
    "wijken.Wijk": "the tenant itself",
    "wijken.WijkRequest": "a request for a wijk that does not exist yet",
    "wijken.WijkRequestSignature": "a co-signature of such a request",
    "accounts.AccessToken": "a person's token for the API, across wijken",
    "partners.Organisation": "an organisation has one profile and is active in several wijken",
    "messaging.MessagingSettings": "a person's own choice of who may message them, across wijken",
    "messaging.Block": "a person blocks another person everywhere, not in one wijk",
    "helpdesk.ErrorRecord": "errors of the platform, also outside any wijk; the wijk health page filters by wijk",
    "helpdesk.TaskFailure": "failed background tasks, also of tasks about no wijk; the health page filters by wijk",
    "academy.Course": "the Academy is shared by every wijk",
    "academy.Module": "part of a global Academy course",
    "academy.Lesson": "part of a global Academy course",
    "academy.Download": "part of a global Academy lesson",
    "academy.Quiz": "part of a global Academy course",
    "academy.Question": "part of a global Academy quiz",
    "academy.Choice": "part of a global Academy quiz",
    "academy.Cohort": "an Academy group; it may point at one wijk",
    "academy.Enrolment": "a person's own learning, across wijken",
    "academy.LessonDone": "a person's own learning, across wijken",
    "academy.QuizAttempt": "a person's own learning, across wijken",
    "academy.Certificate": "a person's own certificate, verifiable by anyone",
    "academy.KnowledgeEntry": "the Academy knowledge bank is shared; an entry may point at one wijk",
    "academy.Pilot": "a pilot spans several wijken",
    "academy.ResearcherApproval": "platform staff approve researchers for all wijken",
    "core.TaskReceipt": "an idempotency key of a background task, platform-wide",
    # Framework tables.
    "admin.LogEntry": "Django admin history",
    "auth.Permission": "framework",
    "auth.Group": "framework",
    "contenttypes.ContentType": "framework",
    "sessions.Session": "framework",
    "account.EmailAddress": "allauth: belongs to the account",
    "account.EmailConfirmation": "allauth: belongs to the account",
    "mfa.Authenticator": "allauth: belongs to the account",
}

def wijk_scoped_models():
    return [m for m in apps.get_models() if issubclass(m, WijkScopedModel)]


def unclassified_models():
    """Models that are neither wijk-scoped nor on the global list: each one is a bug."""
    return [
        m._meta.label
        for m in apps.get_models()
        if not issubclass(m, WijkScopedModel) and m._meta.label not in GLOBAL_MODELS
    ]
