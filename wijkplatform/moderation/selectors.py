"""Reads of moderation, wijk first; and how a reported thing is found in a wijk."""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils.translation import gettext as _

from wijkplatform.core.models import ModeratedContent, WijkScopedModel

from .models import Appeal, AuditEntry, Decision, Guideline, Report

USER_LABEL = "accounts.user"
AUTHOR_FIELDS = ("author", "reporter", "by", "user", "organiser", "created_by", "owner")
TEXT_FIELDS = ("text", "body", "lead", "description", "summary", "bio")


@dataclass
class Item:
    obj: object
    content_type: ContentType
    author: object
    label: str
    excerpt: str
    is_profile: bool = False

    @property
    def content(self):
        return self.content_type.app_label + "." + self.content_type.model

    @property
    def url(self):
        getter = getattr(self.obj, "get_absolute_url", None)
        try:
            return getter() if getter else ""
        except Exception:  # noqa: BLE001 - a missing URL only means no link
            return ""


def _not_found():
    return Http404(_("There is nothing here to report."))


def content_resolve(*, wijk, content, pk, user=None, include_hidden=False):
    """The reportable thing `content` ("app_label.modelname") with this pk, in THIS wijk only, or a 404.

    Reportable: wijk-scoped models with ModeratedContent, and profiles ("accounts.user") of this wijk's
    members.
    """
    try:
        model = apps.get_model(content)
    except (LookupError, ValueError):
        raise _not_found() from None
    label = model._meta.label_lower
    content_type = ContentType.objects.get_for_model(model)
    if label == USER_LABEL:
        from wijkplatform.wijken.models import Membership

        membership = Membership.objects.in_wijk(wijk).filter(user_id=pk).select_related("user").first()
        if membership is None:
            raise _not_found()
        person = membership.user
        return Item(
            obj=person,
            content_type=content_type,
            author=person,
            is_profile=True,
            label=_("Profile of %(name)s") % {"name": person.name},
            excerpt=f"{person.name}\n{person.bio}"[:1000],
        )
    if not (issubclass(model, WijkScopedModel) and issubclass(model, ModeratedContent)):
        raise _not_found()
    qs = model._default_manager.filter(wijk=wijk, pk=pk)
    if not include_hidden:
        qs = qs.filter(hidden_at__isnull=True)
    obj = qs.first()
    if obj is None:
        raise _not_found()
    if label == "newsroom.story" and obj.status != "published" and not include_hidden:
        raise _not_found()
    author = None
    for name in AUTHOR_FIELDS:
        field = _field(model, name)
        if field is not None and field.is_relation and field.related_model._meta.label_lower == USER_LABEL:
            author = getattr(obj, name)
            break
    text = ""
    for name in TEXT_FIELDS:
        value = getattr(obj, name, "")
        if isinstance(value, str) and value:
            text = value
            break
    title = getattr(obj, "title", "") or text[:60] or str(obj)
    return Item(
        obj=obj,
        content_type=content_type,
        author=author,
        label=f"{model._meta.verbose_name.capitalize()}: {title}"[:200],
        excerpt=text[:1000],
    )


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist: that model has no such field
        return None


def actions_for(item):
    """The decisions that fit: profiles are kept, warned or suspended; content also hidden or removed."""
    A = Decision.Action
    if item.is_profile:
        return [A.KEEP, A.WARN, A.SUSPEND]
    if item.author is None:
        return [A.KEEP, A.HIDE, A.REMOVE]
    return [A.KEEP, A.HIDE, A.REMOVE, A.WARN, A.SUSPEND]


def guidelines_active(*, wijk):
    return _guidelines(wijk, Guideline.objects.in_wijk(wijk).filter(is_active=True))


def guidelines_all(*, wijk):
    return _guidelines(wijk, Guideline.objects.in_wijk(wijk))


def _guidelines(wijk, guidelines):
    """`guidelines` read (one query); a wijk that has none yet first gets the default set (made on first use)."""
    from .services import guidelines_ensure

    if not guidelines and guidelines_ensure(wijk=wijk):
        return guidelines.all()  # read again
    return guidelines


def guidelines_accepted_or_titles(*, wijk, user):
    """(True, []) if the person accepted the wijk's guidelines, else (False, the titles of those in use): one
    query, for the wijk home, where a member who has not accepted them yet is asked to."""
    from .models import JoinGuidelines

    accepted = Exists(JoinGuidelines.objects.in_wijk(wijk).filter(user=user))
    guidelines = _guidelines(wijk, Guideline.objects.in_wijk(wijk).filter(is_active=True).annotate(accepted=accepted))
    if not guidelines:  # none in use
        return guidelines_accepted(wijk=wijk, user=user), []
    if guidelines[0].accepted:
        return True, []
    return False, [guideline.title for guideline in guidelines]


def guidelines_accepted(*, wijk, user):
    from .models import JoinGuidelines

    return user.is_authenticated and JoinGuidelines.objects.in_wijk(wijk).filter(user=user).exists()


def moderators_of(*, wijk):
    from wijkplatform.accounts.models import User
    from wijkplatform.wijken.models import RoleAssignment

    ids = RoleAssignment.objects.in_wijk(wijk).filter(role="editor").values_list("user_id", flat=True)
    return User.objects.filter(pk__in=list(ids), is_active=True)


def queue(*, wijk):
    """Open reports grouped by the reported thing: (content type, object id, count, reasons, first report)."""
    reports = list(
        Report.objects.in_wijk(wijk)
        .filter(status=Report.Status.OPEN)
        .select_related("guideline", "reporter", "content_type")
        .order_by("created_at")
    )
    groups = {}
    for report in reports:
        key = (report.content_type_id, report.object_id)
        group = groups.setdefault(key, {"first": report, "reports": [], "reasons": set()})
        group["reports"].append(report)
        group["reasons"].add(report.guideline.title)
    return list(groups.values())


def appeals_pending(*, wijk):
    return (
        Appeal.objects.in_wijk(wijk)
        .filter(outcome=Appeal.Outcome.PENDING)
        .select_related("decision", "decision__guideline", "by")
        .order_by("created_at")
    )


def reports_about(*, wijk, content_type, object_id):
    return (
        Report.objects.in_wijk(wijk)
        .filter(content_type=content_type, object_id=object_id)
        .select_related("guideline", "reporter")
        .order_by("created_at")
    )


def decision_get_for_member(*, wijk, user, pk):
    decision = Decision.objects.in_wijk(wijk).filter(pk=pk).select_related("guideline").first()
    if decision is None or not user.is_authenticated or decision.member_id != user.pk:
        raise Http404(_("There is no decision here."))
    return decision


def audit_log(*, wijk):
    return AuditEntry.objects.in_wijk(wijk).select_related("actor")


def monthly_counts(*, wijk, months=12):
    """[(month, reports, {action: count})] for the transparency page, newest month first."""
    reports = dict(
        Report.objects.in_wijk(wijk)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("id"))
        .values_list("month", "n")
    )
    decisions = {}
    for month, action, n in (
        Decision.objects.in_wijk(wijk)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "action")
        .annotate(n=Count("id"))
        .values_list("month", "action", "n")
    ):
        decisions.setdefault(month, {})[action] = n
    rows = []
    for month in sorted(set(reports) | set(decisions), reverse=True)[:months]:
        by_action = decisions.get(month, {})
        rows.append(
            {
                "month": month,
                "reports": reports.get(month, 0),
                "actions": [by_action.get(a, 0) for a in Decision.Action.values],
                "decisions": sum(by_action.values()),
            }
        )
    return rows
