"""Every write of moderation: guidelines, reports, decisions, appeals, suspensions and the audit log."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from wijkplatform.core import ratelimit
from wijkplatform.core.capabilities import can, forget_roles
from wijkplatform.core.exceptions import CapabilityDenied
from wijkplatform.core.services import require
from wijkplatform.notifications.services import notify
from wijkplatform.search.services import remove_document

from . import selectors
from .models import Appeal, AuditEntry, Decision, Guideline, JoinGuidelines, Report, Suspension

MAX_SUSPEND_DAYS = 365


REPORTS_PER_HOUR = 20


class AlreadyDone(ValidationError):
    """The same report or appeal twice (the view answers 409)."""


class TooMany(ValidationError):
    """Too many reports in a short time (the view answers 429)."""


def _rate_limit_reports(*, wijk, by):
    if ratelimit.hit(f"moderation:reports:{wijk.pk}:{by.pk}", limit=REPORTS_PER_HOUR, seconds=3600):
        raise TooMany(_("You have sent many reports in a short time. Please try again in an hour."), code="rate")


def _notify(*, wijk, recipients, title, url, actor, body=""):
    recipients = [
        r for r in {r.pk: r for r in recipients if r is not None}.values() if actor is None or r.pk != actor.pk
    ]
    if recipients:
        notify(
            wijk=wijk,
            recipients=recipients,
            kind="moderation_decision",
            title=title,
            url=url,
            actor=actor,
            body=body,
        )


def audit(*, wijk, actor, action, target, detail=""):
    return AuditEntry.objects.create(wijk=wijk, actor=actor, action=action, target=str(target)[:200], detail=detail)


# Guidelines ------------------------------------------------------------------------------------------------

DEFAULT_GUIDELINES = [
    (
        gettext_noop("Be kind and respectful"),
        gettext_noop(
            "Talk to your neighbours as you would face to face. No insults, threats, bullying or discrimination."
        ),
    ),
    (
        gettext_noop("Keep it about the wijk"),
        gettext_noop("Share what matters to neighbours. No spam, and no advertising outside offers and partner pages."),
    ),
    (
        gettext_noop("Respect privacy"),
        gettext_noop("Do not share someone else's address, phone number or photos without their permission."),
    ),
    (
        gettext_noop("Be honest"),
        gettext_noop("Share what you know to be true and say where it comes from. No misleading news."),
    ),
    (
        gettext_noop("Safe for everyone"),
        gettext_noop("Nothing violent, hateful, sexual or against the law. Children read along."),
    ),
]


def guidelines_ensure(*, wijk):
    """Give a wijk without guidelines a positive default set, in the wijk's language; True if it made them."""
    if Guideline.objects.in_wijk(wijk).exists():
        return False
    with override(wijk.language or "en"), transaction.atomic():
        Guideline.objects.bulk_create(
            [
                Guideline(wijk=wijk, position=(i + 1) * 10, title=_(title), text=_(text))
                for i, (title, text) in enumerate(DEFAULT_GUIDELINES)
            ]
        )
    return True


def guideline_save(*, wijk, guideline=None, title, text="", position=0, is_active=True, by):
    require(by, "guidelines.edit", wijk)
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("A guideline needs a title."), code="title")
    with transaction.atomic():
        if guideline is None:
            guideline = Guideline.objects.create(
                wijk=wijk, title=title[:120], text=text or "", position=position or 0, is_active=is_active
            )
            audit(wijk=wijk, actor=by, action="guideline_add", target=guideline.title)
        else:
            if guideline.wijk_id != wijk.pk:
                raise ValidationError(_("This guideline belongs to another wijk."))
            Guideline.objects.in_wijk(wijk).filter(pk=guideline.pk).update(
                title=title[:120], text=text or "", position=position or 0, is_active=is_active
            )
            audit(wijk=wijk, actor=by, action="guideline_edit", target=title)
    return guideline


def guidelines_accept(*, wijk, user):
    """Record that a member accepted the guidelines (the join page calls this when someone joins)."""
    if not can(user, "wijk.view_members_only", wijk):
        from wijkplatform.wijken.selectors import membership_of

        if membership_of(wijk=wijk, user=user) is None:
            raise ValidationError(_("Join the wijk first."), code="not_member")
    try:
        with transaction.atomic():
            return JoinGuidelines.objects.create(wijk=wijk, user=user)
    except IntegrityError:
        return JoinGuidelines.objects.in_wijk(wijk).get(user=user)


# Reports ---------------------------------------------------------------------------------------------------


def report_create(*, wijk, content, pk, guideline_id, note="", by):
    require(by, "content.report", wijk)
    item = selectors.content_resolve(wijk=wijk, content=content, pk=pk, user=by)
    if item.author is not None and item.author.pk == by.pk:
        raise ValidationError(_("You cannot report your own content."), code="own")
    guideline = selectors.guidelines_active(wijk=wijk).filter(pk=guideline_id).first()
    if guideline is None:
        raise ValidationError(_("Choose one of the wijk's guidelines."), code="guideline")
    if Report.objects.in_wijk(wijk).filter(content_type=item.content_type, object_id=item.obj.pk, reporter=by).exists():
        raise AlreadyDone(_("You have already reported this. The editors will look at it."), code="twice")
    _rate_limit_reports(wijk=wijk, by=by)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                wijk=wijk,
                content_type=item.content_type,
                object_id=item.obj.pk,
                reporter=by,
                author=item.author,
                guideline=guideline,
                note=(note or "")[:1000],
                label=item.label[:200],
                excerpt=item.excerpt,
            )
            audit(wijk=wijk, actor=by, action="report", target=item.label, detail=guideline.title)
            editors = selectors.moderators_of(wijk=wijk)
            _notify(
                wijk=wijk,
                recipients=editors,
                actor=by,
                url=reverse("moderation:queue", kwargs={"wijk_slug": wijk.slug}),
                title=_("New report: %(label)s") % {"label": item.label},
            )
    except IntegrityError:
        raise AlreadyDone(_("You have already reported this. The editors will look at it."), code="twice") from None
    return report


# Decisions -------------------------------------------------------------------------------------------------


def decide(*, wijk, content, pk, action, by, guideline_id=None, reason="", suspend_days=None):
    require(by, "moderation.review", wijk)
    item = selectors.content_resolve(wijk=wijk, content=content, pk=pk, user=by, include_hidden=True)
    actions = selectors.actions_for(item)
    if action not in actions:
        raise ValidationError(_("Choose one of the decisions offered for this content."), code="action")
    if item.author is not None and item.author.pk == by.pk:
        raise CapabilityDenied(_("Another editor decides on reports about your own content."))
    guideline = None
    if guideline_id:
        guideline = selectors.guidelines_active(wijk=wijk).filter(pk=guideline_id).first()
    if action != Decision.Action.KEEP and guideline is None:
        raise ValidationError(_("Say which guideline was broken."), code="guideline")
    until = None
    if action == Decision.Action.SUSPEND:
        try:
            days = int(suspend_days)
        except (TypeError, ValueError):
            days = 0
        if not 1 <= days <= MAX_SUSPEND_DAYS:
            raise ValidationError(_("Suspend for 1 to %(max)s days.") % {"max": MAX_SUSPEND_DAYS}, code="days")
        until = timezone.now() + datetime.timedelta(days=days)
    reason = (reason or "").strip()[:1000]
    model = item.content_type.model_class()
    pk_before = item.obj.pk
    now = timezone.now()
    with transaction.atomic():
        decision = Decision.objects.create(
            wijk=wijk,
            content_type=item.content_type,
            object_id=item.obj.pk,
            label=item.label[:200],
            action=action,
            guideline=guideline,
            reason=reason,
            member=item.author,
            suspended_until=until,
            by=by,
        )
        reporters = [
            r.reporter
            for r in Report.objects.in_wijk(wijk)
            .filter(content_type=item.content_type, object_id=item.obj.pk, status=Report.Status.OPEN)
            .select_related("reporter")
        ]
        Report.objects.in_wijk(wijk).filter(
            content_type=item.content_type, object_id=item.obj.pk, status=Report.Status.OPEN
        ).update(status=Report.Status.DECIDED, decision=decision)
        if action == Decision.Action.HIDE:
            model._default_manager.filter(wijk=wijk, pk=item.obj.pk).update(
                hidden_at=now, hidden_reason=(guideline.title + (f": {reason}" if reason else ""))[:300]
            )
        elif action == Decision.Action.REMOVE:
            item.obj.delete()
        elif action == Decision.Action.SUSPEND:
            _suspend(wijk=wijk, user=item.author, until=until, decision=decision)
        detail = guideline.title if guideline else ""
        if reason:
            detail = f"{detail}: {reason}" if detail else reason
        if until:
            detail += " " + _("until %(date)s") % {"date": timezone.localtime(until).strftime("%Y-%m-%d %H:%M")}
        audit(wijk=wijk, actor=by, action=f"decision_{action}", target=item.label, detail=detail)
        _tell_people(wijk=wijk, decision=decision, reporters=reporters, by=by)
    if action in (Decision.Action.HIDE, Decision.Action.REMOVE) and not item.is_profile:
        stand_in = model(pk=pk_before, wijk=wijk)  # a removed row has no pk any more
        transaction.on_commit(lambda: remove_document(wijk=wijk, obj=stand_in))
    return decision


def _suspend(*, wijk, user, until, decision):
    from wijkplatform.wijken.models import Membership

    Membership.objects.in_wijk(wijk).filter(user=user).update(status=Membership.Status.SUSPENDED)
    Suspension.objects.create(wijk=wijk, user=user, until=until, decision=decision)
    forget_roles(user)


def _tell_people(*, wijk, decision, reporters, by):
    label = decision.label
    if decision.member and decision.action != Decision.Action.KEEP:
        appeal_url = reverse("moderation:appeal", kwargs={"wijk_slug": wijk.slug, "pk": decision.pk})
        titles = {
            Decision.Action.HIDE: _("Your content “%(label)s” was hidden"),
            Decision.Action.REMOVE: _("Your content “%(label)s” was removed"),
            Decision.Action.WARN: _("A warning from the editors about “%(label)s”"),
            Decision.Action.SUSPEND: _("Your membership is suspended for a while"),
        }
        body = _("Guideline: %(guideline)s. %(reason)s You may ask the editors to look again, once.") % {
            "guideline": decision.guideline.title if decision.guideline else "",
            "reason": decision.reason,
        }
        _notify(
            wijk=wijk,
            recipients=[decision.member],
            actor=by,
            url=appeal_url,
            body=body,
            title=titles[decision.action] % {"label": label},
        )
    _notify(
        wijk=wijk,
        recipients=reporters,
        actor=by,
        url=reverse("moderation:transparency", kwargs={"wijk_slug": wijk.slug}),
        title=_("The editors decided on what you reported: %(decision)s") % {"decision": decision.get_action_display()},
    )


def suspensions_lift_due(*, now=None):
    """Make members active again whose suspension is over, in every wijk (a periodic task)."""
    from wijkplatform.wijken.models import Membership, Wijk

    now = now or timezone.now()
    count = 0
    for wijk in Wijk.objects.filter(is_active=True):
        for suspension in Suspension.objects.in_wijk(wijk).filter(lifted_at__isnull=True, until__lte=now):
            with transaction.atomic():
                Suspension.objects.in_wijk(wijk).filter(pk=suspension.pk).update(lifted_at=now)
                Membership.objects.in_wijk(wijk).filter(
                    user_id=suspension.user_id, status=Membership.Status.SUSPENDED
                ).update(status=Membership.Status.ACTIVE)
                audit(wijk=wijk, actor=None, action="suspension_end", target=str(suspension.user))
            count += 1
    return count


# Appeals ---------------------------------------------------------------------------------------------------


def appeal_create(*, wijk, decision, by, text):
    if decision.wijk_id != wijk.pk or decision.member_id != by.pk:
        raise CapabilityDenied(_("Only the member the decision is about can appeal it."))
    if decision.action == Decision.Action.KEEP:
        raise ValidationError(_("There is nothing to appeal: the content was kept."), code="keep")
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Please tell the editors why they should look again."), code="empty")
    if Appeal.objects.in_wijk(wijk).filter(decision=decision).exists():
        raise AlreadyDone(_("You have already appealed this decision; an appeal can be made once."), code="twice")
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(wijk=wijk, decision=decision, by=by, text=text[:2000])
            audit(wijk=wijk, actor=by, action="appeal", target=decision.label)
            _notify(
                wijk=wijk,
                recipients=selectors.moderators_of(wijk=wijk),
                actor=by,
                url=reverse("moderation:queue", kwargs={"wijk_slug": wijk.slug}),
                title=_("An appeal about “%(label)s”") % {"label": decision.label},
            )
    except IntegrityError:
        raise AlreadyDone(
            _("You have already appealed this decision; an appeal can be made once."), code="twice"
        ) from None
    return appeal


def appeal_decide(*, wijk, appeal, outcome, by, note=""):
    require(by, "moderation.review", wijk)
    if outcome not in (Appeal.Outcome.UPHELD, Appeal.Outcome.REVERSED):
        raise ValidationError(_("Choose whether the decision stands or is reversed."), code="outcome")
    if appeal.by_id == by.pk:
        raise CapabilityDenied(_("Another editor handles your own appeal."))
    decision = appeal.decision
    with transaction.atomic():
        updated = (
            Appeal.objects.in_wijk(wijk)
            .filter(pk=appeal.pk, outcome=Appeal.Outcome.PENDING)
            .update(outcome=outcome, handled_by=by, handled_at=timezone.now())
        )
        if not updated:
            raise AlreadyDone(_("This appeal has already been handled."), code="handled")
        if outcome == Appeal.Outcome.REVERSED:
            model = decision.content_type.model_class()
            if decision.action == Decision.Action.HIDE:
                model._default_manager.filter(wijk=wijk, pk=decision.object_id).update(hidden_at=None, hidden_reason="")
            elif decision.action == Decision.Action.SUSPEND:
                from wijkplatform.wijken.models import Membership

                Suspension.objects.in_wijk(wijk).filter(decision=decision, lifted_at__isnull=True).update(
                    lifted_at=timezone.now()
                )
                Membership.objects.in_wijk(wijk).filter(
                    user_id=decision.member_id, status=Membership.Status.SUSPENDED
                ).update(status=Membership.Status.ACTIVE)
        audit(wijk=wijk, actor=by, action=f"appeal_{outcome}", target=decision.label, detail=note[:500])
        _notify(
            wijk=wijk,
            recipients=[appeal.by],
            actor=by,
            url=reverse("moderation:appeal", kwargs={"wijk_slug": wijk.slug, "pk": decision.pk}),
            title=_("Your appeal: %(outcome)s") % {"outcome": Appeal.Outcome(outcome).label},
            body=note,
        )
    return appeal
