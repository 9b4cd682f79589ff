"""Every write of the newsroom: stories, revisions, the workflow, pitches and the printed paper."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkplatform.core.capabilities import can
from wijkplatform.core.exceptions import CapabilityDenied
from wijkplatform.core.images import clean_image
from wijkplatform.core.richtext import plain_text
from wijkplatform.core.services import require
from wijkplatform.notifications.services import notify
from wijkplatform.search.services import index_document, remove_document

from . import selectors
from .models import Approval, NewsroomSettings, Pitch, ReviewComment, Revision, Story, StoryPhoto, Transition
from .workflow import REPORTER_EDITABLE, S, StoryConflict, WorkflowError, check_state, step_for


def _notify(*, wijk, recipients, title, url, actor, kind="story_status", body=""):
    recipients = [
        r for r in {r.pk: r for r in recipients if r is not None}.values() if actor is None or r.pk != actor.pk
    ]
    if recipients:
        notify(wijk=wijk, recipients=recipients, kind=kind, title=title, url=url, actor=actor, body=body)


def _desk_url(story):
    return reverse("newsroom:desk_story", kwargs={"wijk_slug": story.wijk.slug, "pk": story.pk})


def _index(story):
    wijk = story.wijk
    if story.is_live:
        index_document(
            wijk=wijk,
            obj=story,
            kind="story",
            title=story.title,
            body=plain_text(f"{story.lead}\n\n{story.body}"),
            url=story.get_absolute_url(),
            public=True,
            published_at=story.published_at,
        )
    else:
        remove_document(wijk=wijk, obj=story)


# Pitches ---------------------------------------------------------------------------------------------------


def pitch_create(*, wijk, title, summary="", by):
    require(by, "story.pitch", wijk)
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Please describe your idea in a few words."), code="empty")
    with transaction.atomic():
        pitch = Pitch.objects.create(wijk=wijk, title=title[:160], summary=summary or "", by=by)
        _notify(
            wijk=wijk,
            recipients=selectors.editors_of(wijk=wijk),
            actor=by,
            title=_("New story idea: %(title)s") % {"title": pitch.title},
            url=reverse("newsroom:desk_pitches", kwargs={"wijk_slug": wijk.slug}),
        )
    return pitch


def pitch_assign(*, wijk, pitch, reporter, planned_for=None, by):
    """An editor turns a pitch into an assignment: a draft story for a reporter."""
    require(by, "story.review", wijk)
    if pitch.wijk_id != wijk.pk:
        raise ValidationError(_("This idea belongs to another wijk."))
    if pitch.status != Pitch.Status.OPEN:
        raise WorkflowError(_("This idea has already been handled."), code="handled")
    if not can(reporter, "story.write", wijk):
        raise ValidationError(
            _("%(name)s is not a reporter in this wijk.") % {"name": reporter.name}, code="not_reporter"
        )
    with transaction.atomic():
        updated = (
            Pitch.objects.in_wijk(wijk)
            .filter(pk=pitch.pk, status=Pitch.Status.OPEN)
            .update(status=Pitch.Status.ASSIGNED)
        )
        if not updated:
            raise WorkflowError(_("This idea has already been handled."), code="handled")
        story = Story.objects.create(
            wijk=wijk,
            title=pitch.title,
            lead=pitch.summary[:600],
            reporter=reporter,
            language=wijk.language,
            planned_for=planned_for,
        )
        Revision.objects.create(wijk=wijk, story=story, number=1, title=story.title, lead=story.lead, by=by)
        Transition.objects.create(
            wijk=wijk,
            story=story,
            action="assign",
            from_status="",
            to_status=S.DRAFT,
            by=by,
            note=_("Assigned from an idea by %(name)s") % {"name": pitch.by.name},
        )
        Pitch.objects.in_wijk(wijk).filter(pk=pitch.pk).update(story=story)
        _notify(
            wijk=wijk,
            recipients=[reporter, pitch.by],
            actor=by,
            url=_desk_url(story),
            title=_("A story was assigned: %(title)s") % {"title": story.title},
        )
    pitch.status, pitch.story = Pitch.Status.ASSIGNED, story
    return story


def pitch_decline(*, wijk, pitch, by):
    require(by, "story.review", wijk)
    updated = (
        Pitch.objects.in_wijk(wijk).filter(pk=pitch.pk, status=Pitch.Status.OPEN).update(status=Pitch.Status.DECLINED)
    )
    if not updated:
        raise WorkflowError(_("This idea has already been handled."), code="handled")


def newsroom_settings_save(*, wijk, by, first_stories_count, experienced_after, autosave_seconds):
    require(by, "wijk.settings", wijk)
    row = selectors.newsroom_settings(wijk=wijk)
    NewsroomSettings.objects.in_wijk(wijk).filter(pk=row.pk).update(
        first_stories_count=first_stories_count,
        experienced_after=experienced_after,
        autosave_seconds=autosave_seconds,
    )


# Writing ---------------------------------------------------------------------------------------------------

TEXT_FIELDS = ("title", "lead", "body", "tags", "language", "cover_caption", "cover_credit", "planned_for")


def _clean_fields(fields):
    fields = {k: v for k, v in fields.items() if k in TEXT_FIELDS}
    if "title" in fields:
        fields["title"] = (fields["title"] or "").strip()
        if not fields["title"]:
            raise ValidationError(_("A story needs a title."), code="title")
        if len(fields["title"]) > 160:
            raise ValidationError(_("Please keep the title under 160 characters."), code="title")
    for name in ("lead", "body", "tags", "cover_caption", "cover_credit"):
        if name in fields and fields[name] is None:
            fields[name] = ""
    return fields


def story_create(*, wijk, by, title, lead="", body="", tags="", language=None, planned_for=None):
    require(by, "story.write", wijk)
    fields = _clean_fields({"title": title, "lead": lead, "body": body, "tags": tags})
    with transaction.atomic():
        story = Story.objects.create(
            wijk=wijk, reporter=by, language=language or wijk.language, planned_for=planned_for, **fields
        )
        Revision.objects.create(
            wijk=wijk, story=story, number=1, title=story.title, lead=story.lead, body=story.body, by=by
        )
        Transition.objects.create(wijk=wijk, story=story, action="create", from_status="", to_status=S.DRAFT, by=by)
    return story


def _check_may_edit(*, wijk, story, by):
    if by.pk == story.reporter_id and can(by, "story.write", wijk):
        if story.status not in REPORTER_EDITABLE and not can(by, "story.review", wijk):
            raise WorkflowError(
                _("Your story is with the editors now (“%(status)s”). You can edit it again when they ask for changes.")
                % {"status": story.get_status_display()},
                code="locked",
            )
        return
    if can(by, "story.review", wijk):
        if story.status == S.DRAFT:
            raise WorkflowError(
                _("This is still the reporter's draft; editors edit it once it is submitted."), code="draft"
            )
        return
    raise CapabilityDenied(_("This is someone else's story: only its reporter and the editors edit it."))


def story_save(*, wijk, story, by, version, autosave=False, cover=None, **fields):
    """Save the text of a story. `version` is the version the person started from: if someone else saved
    in between, StoryConflict is raised and nothing is written (the caller keeps the typed text)."""
    _check_may_edit(wijk=wijk, story=story, by=by)
    fields = _clean_fields(fields)
    cleaned_cover = clean_image(cover) if cover else None
    try:
        version = int(version)
    except (TypeError, ValueError):
        raise ValidationError(_("The form is incomplete; please reload the page."), code="version") from None
    with transaction.atomic():
        updated = (
            Story.objects.in_wijk(wijk)
            .filter(pk=story.pk, version=version)
            .update(version=F("version") + 1, updated_at=timezone.now(), **fields)
        )
        if not updated:
            raise StoryConflict(
                _(
                    "Someone else saved this story while you were writing. "
                    "Your text is kept below: compare it "
                    "with the newest version, then save again."
                ),
                code="conflict",
            )
        story.refresh_from_db()
        if cleaned_cover is not None:
            story.cover.save(cleaned_cover.name, cleaned_cover, save=False)
            Story.objects.in_wijk(wijk).filter(pk=story.pk).update(cover=story.cover.name)
        _keep_revision(wijk=wijk, story=story, by=by, autosave=autosave)
    if story.is_live:
        transaction.on_commit(lambda: _index(story))
    return story


def _keep_revision(*, wijk, story, by, autosave):
    latest = Revision.objects.in_wijk(wijk).filter(story=story).order_by("-number").first()
    if latest and latest.autosave and latest.by_id == by.pk:
        # Autosaves of one person fold into one revision until they save by hand.
        Revision.objects.in_wijk(wijk).filter(pk=latest.pk).update(
            title=story.title, lead=story.lead, body=story.body, autosave=autosave
        )
        return
    if latest and (latest.title, latest.lead, latest.body) == (story.title, story.lead, story.body):
        return
    number = (latest.number if latest else 0) + 1
    Revision.objects.create(
        wijk=wijk,
        story=story,
        number=number,
        title=story.title,
        lead=story.lead,
        body=story.body,
        by=by,
        autosave=autosave,
    )


def story_photo_add(*, wijk, story, image, caption, by):
    """Add a photo for inside the story's text; only who may edit the story can."""
    _check_may_edit(wijk=wijk, story=story, by=by)
    caption = (caption or "").strip()
    if not caption:
        raise ValidationError(_("Describe the photo for people who cannot see it."), code="caption")
    if not image:
        raise ValidationError(_("Choose a photo."), code="image")
    cleaned = clean_image(image)
    photo = StoryPhoto(wijk=wijk, story=story, caption=caption[:200], by=by)
    photo.image.save(cleaned.name, cleaned, save=False)
    photo.save()
    return photo


def review_comment_add(*, wijk, story, by, text):
    if not (by.pk == story.reporter_id or can(by, "story.review", wijk)):
        raise CapabilityDenied(_("Only the reporter and the editors take part in the review."))
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Please write a comment."), code="empty")
    with transaction.atomic():
        comment = ReviewComment.objects.create(wijk=wijk, story=story, author=by, text=text[:4000])
        _notify(
            wijk=wijk,
            recipients=[story.reporter, story.editor],
            actor=by,
            url=_desk_url(story),
            title=_("New comment on “%(title)s”") % {"title": story.title},
            body=text[:300],
        )
    return comment


# The workflow ----------------------------------------------------------------------------------------------


def _is_experienced(*, wijk, editor, settings_row):
    done = Approval.objects.in_wijk(wijk).filter(editor=editor).values("story").distinct().count()
    return done >= settings_row.experienced_after


def approvals_needed(*, wijk, story):
    """2 for a reporter's first stories (unless an experienced editor approved), else 1."""
    settings_row = selectors.newsroom_settings(wijk=wijk)
    earlier = (
        Story.objects.in_wijk(wijk)
        .filter(reporter_id=story.reporter_id, published_at__isnull=False)
        .exclude(pk=story.pk)
        .count()
    )
    if earlier >= settings_row.first_stories_count:
        return 1
    approvers = Approval.objects.in_wijk(wijk).filter(story=story).select_related("editor")
    if any(_is_experienced(wijk=wijk, editor=a.editor, settings_row=settings_row) for a in approvers):
        return 1
    return 2


def story_transition(*, wijk, story, action, by, note="", publish_at=None):
    """Move a story one step through the workflow (see workflow.STEPS), or refuse with a clear message."""
    if story.wijk_id != wijk.pk:
        raise WorkflowError(_("This story belongs to another wijk."))
    step = step_for(action)
    require(by, step.capability, wijk)
    if step.reporter_only and by.pk != story.reporter_id:
        raise CapabilityDenied(_("Only the story's own reporter can do this."))
    if step.not_own and by.pk == story.reporter_id:
        raise CapabilityDenied(_("Nobody reviews or approves their own story."))
    if action == "reopen" and by.pk != story.reporter_id and not can(by, "story.review", wijk):
        raise CapabilityDenied(_("Only the story's own reporter can do this."))
    check_state(step, story)
    note = (note or "").strip()
    if step.needs_note and not note:
        raise ValidationError(_("Please say why: the reporter and readers need to know."), code="note")
    now = timezone.now()
    target = step.target
    changes = {"status": target}
    if action == "claim":
        changes["editor"] = by
    elif action == "schedule":
        if publish_at is None or publish_at <= now:
            raise ValidationError(_("Choose a moment in the future to publish."), code="publish_at")
        changes["publish_at"] = publish_at
    elif action in ("unschedule", "reopen"):
        changes["publish_at"] = None
    elif action == "publish":
        changes["publish_at"] = None
        changes["published_at"] = story.published_at or now
    elif action == "correct":
        changes["correction_note"] = note
        changes["corrected_at"] = now

    with transaction.atomic():
        if action == "approve":
            try:
                with transaction.atomic():
                    Approval.objects.create(wijk=wijk, story=story, editor=by, version=story.version)
            except IntegrityError:
                raise WorkflowError(_("You have already approved this story."), code="twice") from None
            count = Approval.objects.in_wijk(wijk).filter(story=story).count()
            needed = approvals_needed(wijk=wijk, story=story)
            if count < needed:
                target = S.IN_REVIEW
                changes = {"status": S.IN_REVIEW}
                note = note or _(
                    "Approval %(count)s of %(needed)s: a reporter's first stories need a second "
                    "approval or one from an experienced editor."
                ) % {"count": count, "needed": needed}
        if action == "request_changes":
            Approval.objects.in_wijk(wijk).filter(story=story).delete()
            ReviewComment.objects.create(wijk=wijk, story=story, author=by, text=note[:4000])
        updated = Story.objects.in_wijk(wijk).filter(pk=story.pk, status=story.status).update(updated_at=now, **changes)
        if not updated:
            raise WorkflowError(_("Someone else moved this story on in the meantime. Please look again."), code="stale")
        Transition.objects.create(
            wijk=wijk,
            story=story,
            action=action,
            from_status=story.status,
            to_status=target,
            by=by,
            note=note,
        )
        story.refresh_from_db()
        recipients = [
            story.reporter,
            story.editor,
            *[a.editor for a in Approval.objects.in_wijk(wijk).filter(story=story).select_related("editor")],
        ]
        if action == "submit":
            recipients += list(selectors.editors_of(wijk=wijk))
        _notify(
            wijk=wijk,
            recipients=recipients,
            actor=by,
            url=_desk_url(story),
            body=note[:300],
            title=_("“%(title)s”: %(step)s") % {"title": story.title, "step": step.label},
        )
    transaction.on_commit(lambda: _index(story))
    return story


def stories_publish_due(*, now=None):
    """Publish every scheduled story whose moment has come, in every wijk (the periodic task)."""
    from wijkplatform.wijken.models import Wijk

    now = now or timezone.now()
    count = 0
    for wijk in Wijk.objects.filter(is_active=True):
        due = Story.objects.in_wijk(wijk).filter(status=S.SCHEDULED, publish_at__lte=now)
        for story in due:
            with transaction.atomic():
                updated = (
                    Story.objects.in_wijk(wijk)
                    .filter(pk=story.pk, status=S.SCHEDULED)
                    .update(status=S.PUBLISHED, published_at=story.publish_at, publish_at=None)
                )
                if not updated:
                    continue
                Transition.objects.create(
                    wijk=wijk,
                    story=story,
                    action="publish",
                    from_status=S.SCHEDULED,
                    to_status=S.PUBLISHED,
                    by=None,
                    note=_("Published on schedule"),
                )
                story.refresh_from_db()
                _notify(
                    wijk=wijk,
                    recipients=[story.reporter, story.editor],
                    actor=None,
                    url=story.get_absolute_url(),
                    title=_("“%(title)s” is published") % {"title": story.title},
                )
                transaction.on_commit(lambda story=story: _index(story))
            count += 1
    return count


def next_revision_number(*, wijk, story):
    return (Revision.objects.in_wijk(wijk).filter(story=story).aggregate(n=Max("number"))["n"] or 0) + 1
