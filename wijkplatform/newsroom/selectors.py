"""Reads of the newsroom, wijk first."""

import datetime
import difflib

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkplatform.core.capabilities import can

from .models import Edition, NewsroomSettings, Pitch, Revision, Story, Transition

S = Story.Status


def newsroom_settings(*, wijk):
    row = NewsroomSettings.objects.in_wijk(wijk).first()
    if row is None:
        try:
            with transaction.atomic():
                row = NewsroomSettings.objects.create(wijk=wijk)
        except IntegrityError:
            row = NewsroomSettings.objects.in_wijk(wijk).get()
    return row


def editors_of(*, wijk):
    from wijkplatform.accounts.models import User
    from wijkplatform.wijken.models import RoleAssignment

    ids = RoleAssignment.objects.in_wijk(wijk).filter(role="editor").values_list("user_id", flat=True)
    return User.objects.filter(pk__in=list(ids), is_active=True)


def reporters_of(*, wijk):
    from wijkplatform.accounts.models import User
    from wijkplatform.wijken.models import RoleAssignment

    ids = RoleAssignment.objects.in_wijk(wijk).filter(role__in=["reporter", "editor"]).values_list("user_id", flat=True)
    return User.objects.filter(pk__in=list(ids), is_active=True).order_by("display_name")


def stories_published(*, wijk, limit=None, tag=None):
    """Published stories that moderation did not hide, newest first."""
    qs = (
        Story.objects.in_wijk(wijk)
        .visible()
        .filter(status=S.PUBLISHED)
        .select_related("reporter")
        .order_by("-published_at", "-pk")
    )
    if tag:
        qs = qs.filter(tags__icontains=tag)
    return qs[:limit] if limit else qs


def story_get_public(*, wijk, pk):
    story = stories_published(wijk=wijk).filter(pk=pk).first()
    if story is None:
        raise Http404(_("There is no published story here."))
    return story


def story_get_for(*, wijk, user, pk):
    """A story in the back office: its reporter and the editors see it; anyone else gets a 404."""
    story = Story.objects.in_wijk(wijk).select_related("reporter", "editor").filter(pk=pk).first()
    if story is None or not user.is_authenticated:
        raise Http404(_("There is no story here."))
    if story.reporter_id == user.pk and can(user, "story.write", wijk):
        return story
    if can(user, "story.review", wijk):
        return story
    raise Http404(_("There is no story here."))


def stories_of_reporter(*, wijk, user):
    return Story.objects.in_wijk(wijk).filter(reporter=user).order_by("-updated_at")


def stories_for_desk(*, wijk):
    """What the editors work on, by state."""
    return (
        Story.objects.in_wijk(wijk)
        .exclude(status__in=[S.DRAFT])
        .select_related("reporter", "editor")
        .order_by("status", "-updated_at")
    )


def revisions_of(*, wijk, story):
    return Revision.objects.in_wijk(wijk).filter(story=story).select_related("by").order_by("number")


def transitions_of(*, wijk, story):
    return Transition.objects.in_wijk(wijk).filter(story=story).select_related("by")


def pitches_open(*, wijk):
    return Pitch.objects.in_wijk(wijk).visible().filter(status=Pitch.Status.OPEN).select_related("by")


def text_diff(old, new):
    """Line by line diff as (kind, text) pairs; kind is 'same', 'added' or 'removed'. Escaped when shown."""
    rows = []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        code, text = line[:2], line[2:]
        if code == "  ":
            rows.append(("same", text))
        elif code == "+ ":
            rows.append(("added", text))
        elif code == "- ":
            rows.append(("removed", text))
    return rows


def week_bounds(value):
    """Monday and next Monday of the ISO week in `value` ('2026-W48'); this week when empty or wrong."""
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    if value:
        try:
            monday = datetime.datetime.strptime(value + "-1", "%G-W%V-%u").date()
        except ValueError:
            pass
    return monday, monday + datetime.timedelta(days=7)


def calendar_week(*, wijk, monday):
    """Scheduled and planned stories of the week starting on `monday`, as (day, [stories])."""
    end = monday + datetime.timedelta(days=7)
    tz = timezone.get_current_timezone()
    start_dt = datetime.datetime.combine(monday, datetime.time.min, tzinfo=tz)
    end_dt = datetime.datetime.combine(end, datetime.time.min, tzinfo=tz)
    scheduled = (
        Story.objects.in_wijk(wijk)
        .filter(status=S.SCHEDULED, publish_at__gte=start_dt, publish_at__lt=end_dt)
        .select_related("reporter")
    )
    published = (
        Story.objects.in_wijk(wijk)
        .filter(status=S.PUBLISHED, published_at__gte=start_dt, published_at__lt=end_dt)
        .select_related("reporter")
    )
    planned = (
        Story.objects.in_wijk(wijk)
        .filter(planned_for__gte=monday, planned_for__lt=end)
        .exclude(status__in=[S.SCHEDULED, S.PUBLISHED])
        .select_related("reporter")
    )
    days = {monday + datetime.timedelta(days=i): [] for i in range(7)}
    for story in scheduled:
        days[timezone.localtime(story.publish_at).date()].append(("scheduled", story))
    for story in published:
        days[timezone.localtime(story.published_at).date()].append(("published", story))
    for story in planned:
        days[story.planned_for].append(("planned", story))
    return list(days.items())


def editions(*, wijk):
    return Edition.objects.in_wijk(wijk).exclude(pdf="").order_by("-number")


def edition_get(*, wijk, number):
    edition = editions(wijk=wijk).filter(number=number).first()
    if edition is None:
        raise Http404(_("There is no edition with this number."))
    return edition
