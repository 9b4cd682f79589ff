"""Every write of the community app: posts, photos, likes, comments, bookmarks, follows, initiatives.

Notifications (replies, mentions) are written in the same transaction as the change (the outbox); the
search index and photo variants follow in `transaction.on_commit`.
"""

import logging
import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from wijkplatform.core import ratelimit
from wijkplatform.core.capabilities import can
from wijkplatform.core.exceptions import CapabilityDenied
from wijkplatform.core.images import clean_image, resized_variant
from wijkplatform.core.richtext import plain_text
from wijkplatform.core.services import require
from wijkplatform.notifications.services import notify
from wijkplatform.partners.selectors import represents
from wijkplatform.search.services import index_document, remove_document

from .models import (
    MAX_COMMENT_CHARS,
    MAX_PHOTOS,
    MAX_POST_CHARS,
    Bookmark,
    Comment,
    Follow,
    Initiative,
    InitiativeSupport,
    InitiativeTask,
    InitiativeUpdate,
    KindnessWord,
    Like,
    Post,
    PostPhoto,
    TaskVolunteer,
)

logger = logging.getLogger(__name__)

SMALL_WIDTH = 720
RATE_LIMITS = {"post": (20, 3600), "comment": (60, 3600)}  # (how many, per seconds) per person per wijk
MENTION_RE = re.compile(r"@(\w[\w.'-]*)")


def _notify(*, wijk, recipients, kind, title, url, actor, body=""):
    recipients = [r for r in recipients if r is not None]
    if recipients:
        notify(wijk=wijk, recipients=recipients, kind=kind, title=title, url=url, actor=actor, body=body)


def _rate_limit(*, wijk, user, what):
    limit, seconds = RATE_LIMITS[what]
    if ratelimit.hit(f"community:rate:{what}:{wijk.pk}:{user.pk}", limit=limit, seconds=seconds):
        raise ValidationError(_("You are posting very fast. Please wait a while and try again."), code="rate")


def _clean_text(text, *, limit):
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise ValidationError(_("Please write something first."), code="empty")
    if len(text) > limit:
        raise ValidationError(
            _("This text is too long: at most %(limit)s characters, this one has %(n)s."),
            params={"limit": limit, "n": len(text)},
            code="too_long",
        )
    return text


def _author_and_placer(*, wijk, author, placed_by, capability):
    """Check who may write: the author themselves, or a point host placing it for a member of the wijk."""
    if placed_by is not None and placed_by.pk != author.pk:
        require(placed_by, "point.assist", wijk)
        if not can(author, "wijk.view_members_only", wijk):
            raise ValidationError(_("This person is not a member of this wijk."), code="not_member")
        return author, placed_by
    require(author, capability, wijk)
    return author, None


def mentioned_people(*, wijk, text, by, limit=20):
    """Members of the wijk named as `@Display Name` or `@name` (a unique first name, or the name unspaced).

    People who blocked the writer are left out: a block stops mentions as well as messages.
    """
    from wijkplatform.messaging.models import Block
    from wijkplatform.wijken.models import Membership

    tokens = {m.group(1).casefold().rstrip(".'-") for m in MENTION_RE.finditer(text or "")}
    tokens.discard("")
    if not tokens:
        return []
    query = Q()
    for token in list(tokens)[:limit]:
        query |= Q(user__display_name__istartswith=token)
    members = [
        m.user
        for m in Membership.objects.in_wijk(wijk)
        .filter(query, status=Membership.Status.ACTIVE)
        .select_related("user")[:200]
    ]
    folded = (text or "").casefold()
    first_names = {}
    for user in members:
        first = user.display_name.casefold().split()[0] if user.display_name.strip() else ""
        first_names.setdefault(first, []).append(user)
    found = []
    for user in members:
        name = user.display_name.casefold().strip()
        if not name:
            continue
        full = re.search("@" + re.escape(name) + r"(?!\w)", folded)
        squashed = name.replace(" ", "") in tokens
        first = name.split()[0]
        by_first = first in tokens and len(first_names.get(first, [])) == 1
        if full or squashed or by_first:
            found.append(user)
    blocked_by = set(Block.objects.filter(blocked=by, blocker__in=found).values_list("blocker_id", flat=True))
    return [user for user in found if user.pk not in blocked_by][:limit]


def _index_post(post):
    try:
        index_document(
            wijk=post.wijk,
            obj=post,
            kind="post",
            title=post.title,
            body=plain_text(post.text),
            url=post.get_absolute_url(),
            public=post.is_public,
            published_at=post.created_at,
        )
    except Exception:  # noqa: BLE001 - a search index that fails must never lose a post
        logger.exception("indexing post %s failed", post.pk)


def _index_comment(comment):
    try:
        index_document(
            wijk=comment.wijk,
            obj=comment,
            kind="comment",
            title=str(comment),
            body=plain_text(comment.text),
            url=comment.get_absolute_url(),
            public=comment.post.is_public,
            published_at=comment.created_at,
        )
    except Exception:  # noqa: BLE001
        logger.exception("indexing comment %s failed", comment.pk)


def _unindex(wijk, obj):
    try:
        remove_document(wijk=wijk, obj=obj)
    except Exception:  # noqa: BLE001
        logger.exception("removing %s from the index failed", obj)


def _schedule_variants(photo_ids, wijk_id):
    from .tasks import photo_make_variants

    for photo_id in photo_ids:
        try:
            photo_make_variants.delay(photo_id, wijk_id)
        except Exception:  # noqa: BLE001 - a broker that is down leaves the original in use; nothing is lost
            logger.warning("could not queue the variants of photo %s", photo_id)


def _check_thanked(*, wijk, author, kind, thanked):
    """The person a thank-you names: an active member of this wijk, not the author; only on a thank-you."""
    from wijkplatform.wijken.models import Membership

    if thanked is None:
        return None
    if kind != Post.Kind.THANKS:
        raise ValidationError(_("Only a thank-you names a person to thank."), code="thanked")
    if thanked.pk == author.pk:
        raise ValidationError(_("You cannot thank yourself: choose a neighbour."), code="thanked")
    if not Membership.objects.in_wijk(wijk).filter(user=thanked, status=Membership.Status.ACTIVE).exists():
        raise ValidationError(
            _("%(name)s is not a member of this wijk: you can only name a neighbour of this wijk."),
            params={"name": thanked.name},
            code="thanked",
        )
    from wijkplatform.messaging.models import Block

    # As for mentions: someone who blocked the author is not told of them (the form leaves them out too).
    if Block.objects.filter(blocker=thanked, blocked=author).exists():
        raise ValidationError(
            _("You cannot name %(name)s in a thank-you."), params={"name": thanked.name}, code="thanked"
        )
    return thanked


def photos_clean(photos):
    """Each upload through `clean_image` (type sniffed, size and pixels capped, EXIF stripped)."""
    photos = [p for p in (photos or ()) if p]
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(
            _("You can add at most %(n)s photos to a post."), params={"n": MAX_PHOTOS}, code="too_many_photos"
        )
    return [clean_image(photo) for photo in photos]


# --- Posts ------------------------------------------------------------------------------------------------


def post_create(
    *,
    wijk,
    author,
    kind,
    text,
    audience="public",
    photos=(),
    placed_by=None,
    via_point=None,
    category=Post.Category.GENERAL,
    organisation=None,
    thanked=None,
):
    author, placed_by = _author_and_placer(wijk=wijk, author=author, placed_by=placed_by, capability="post.create")
    if organisation is not None and not represents(wijk=wijk, user=author, organisation=organisation):
        raise CapabilityDenied(_("You can only post as an organisation you represent in this wijk."))
    text = _clean_text(text, limit=MAX_POST_CHARS)
    if kind not in Post.Kind.values:
        raise ValidationError(_("Choose what kind of post this is."), code="kind")
    if audience not in Post.Audience.values:
        raise ValidationError(_("Choose who can read this post."), code="audience")
    if category not in Post.Category.values:
        raise ValidationError(_("Choose a category."), code="category")
    thanked = _check_thanked(wijk=wijk, author=author, kind=kind, thanked=thanked)
    cleaned = photos_clean(photos)
    _rate_limit(wijk=wijk, user=placed_by or author, what="post")
    if via_point is not None and via_point.wijk_id != wijk.pk:
        raise ValidationError(_("This Point belongs to another wijk."), code="wijk")
    with transaction.atomic():
        post = Post.objects.create(
            wijk=wijk,
            author=author,
            kind=kind,
            text=text,
            audience=audience,
            category=category,
            placed_by=placed_by,
            via_point=via_point,
            organisation=organisation,
            thanked=thanked,
        )
        photo_ids = []
        for position, image in enumerate(cleaned):
            photo = PostPhoto(
                wijk=wijk, post=post, position=position, width=image.image_width, height=image.image_height
            )
            photo.image.save(image.name, image, save=False)
            photo.save()
            photo_ids.append(photo.pk)
        Follow.objects.create(wijk=wijk, post=post, user=author)
        people = [p for p in mentioned_people(wijk=wijk, text=text, by=author) if p.pk != author.pk]
        if thanked is not None:
            _notify(
                wijk=wijk,
                recipients=[thanked],
                kind="thanked",
                actor=author,
                url=post.get_absolute_url(),
                title=_("%(name)s thanks you") % {"name": author.name},
                body=Truncator(plain_text(text)).chars(300),
            )
            people = [p for p in people if p.pk != thanked.pk]
        _notify(
            wijk=wijk,
            recipients=people,
            kind="mention",
            actor=author,
            url=post.get_absolute_url(),
            title=_("%(name)s mentioned you in a post") % {"name": author.name},
            body=Truncator(plain_text(text)).chars(300),
        )
        transaction.on_commit(lambda: _schedule_variants(photo_ids, wijk.pk))
        transaction.on_commit(lambda: _index_post(post))
    return post


UNCHANGED = object()


def post_update(*, wijk, post, text, by, kind=None, category=None, audience=None, thanked=UNCHANGED):
    """The author edits a post. `thanked`: the person a thank-you names (None: nobody); a post that is no
    longer a thank-you names nobody."""
    if post.wijk_id != wijk.pk or post.author_id != by.pk:
        raise ValidationError(_("Only the author can edit this post."), code="not_author")
    require(by, "post.create", wijk)
    post.text = _clean_text(text, limit=MAX_POST_CHARS)
    if kind is not None:
        if kind not in Post.Kind.values:
            raise ValidationError(_("Choose what kind of post this is."), code="kind")
        post.kind = kind
    if thanked is not UNCHANGED:
        post.thanked = _check_thanked(wijk=wijk, author=by, kind=post.kind, thanked=thanked)
    elif post.kind != Post.Kind.THANKS:
        post.thanked = None
    if category is not None:
        if category not in Post.Category.values:
            raise ValidationError(_("Choose a category."), code="category")
        post.category = category
    if audience is not None:
        if audience not in Post.Audience.values:
            raise ValidationError(_("Choose who can read this post."), code="audience")
        post.audience = audience
    post.edited_at = timezone.now()
    with transaction.atomic():
        post.save(update_fields=["text", "kind", "category", "audience", "thanked", "edited_at"])
        transaction.on_commit(lambda: _index_post(post))
    return post


def post_delete(*, wijk, post, by):
    if post.wijk_id != wijk.pk or post.author_id != by.pk:
        raise ValidationError(_("Only the author can delete this post."), code="not_author")
    comments = list(Comment.objects.in_wijk(wijk).filter(post=post))
    photos = list(PostPhoto.objects.in_wijk(wijk).filter(post=post))
    with transaction.atomic():
        for model in (Like, Bookmark, Follow, PostPhoto):
            model.objects.in_wijk(wijk).filter(post=post).delete()
        Comment.objects.in_wijk(wijk).filter(post=post, parent__isnull=False).delete()
        Comment.objects.in_wijk(wijk).filter(post=post).delete()
        ghost = Post(pk=post.pk, wijk=wijk)  # delete() forgets the pk; the index needs it
        post.delete()

        def after():
            _unindex(wijk, ghost)
            for comment in comments:
                _unindex(wijk, comment)
            for photo in photos:
                for file in (photo.image, photo.small):
                    if file:
                        file.delete(save=False)

        transaction.on_commit(after)


def post_pin(*, wijk, post, pinned, by):
    require(by, "post.pin", wijk)
    post.pinned_at = timezone.now() if pinned else None
    post.save(update_fields=["pinned_at"])
    return post


def post_resolve(*, wijk, post, resolved, by):
    """The author marks a request or offer as answered / given (or open again)."""
    if post.wijk_id != wijk.pk or post.author_id != by.pk:
        raise ValidationError(_("Only the author can mark this post."), code="not_author")
    if not post.is_resolvable:
        raise ValidationError(
            _("Only requests, offers, questions and calls for volunteers can be marked."), code="kind"
        )
    post.resolved_at = timezone.now() if resolved else None
    post.save(update_fields=["resolved_at"])
    return post


def _toggle(model, *, wijk, post, user, on=None):
    """Switch a person's row on a post (like, bookmark, follow); returns whether it is on now."""
    with transaction.atomic():
        existing = model.objects.in_wijk(wijk).filter(post=post, user=user)
        is_on = existing.exists()
        wanted = (not is_on) if on is None else on
        if wanted and not is_on:
            try:
                with transaction.atomic():
                    model.objects.create(wijk=wijk, post=post, user=user)
            except IntegrityError:
                pass  # a double click: the row is there, which is what was asked
        elif not wanted and is_on:
            existing.delete()
    return wanted


def like_toggle(*, wijk, post, by, on=None):
    """Like a post or take the like back. One like per person; there is no dislike."""
    require(by, "post.like", wijk)
    return _toggle(Like, wijk=wijk, post=post, user=by, on=on)


def like_count(*, wijk, post):
    return Like.objects.in_wijk(wijk).filter(post=post).count()


def bookmark_toggle(*, wijk, post, by, on=None):
    require(by, "post.follow", wijk)
    return _toggle(Bookmark, wijk=wijk, post=post, user=by, on=on)


def follow_toggle(*, wijk, post, by, on=None):
    require(by, "post.follow", wijk)
    return _toggle(Follow, wijk=wijk, post=post, user=by, on=on)


# --- Comments ---------------------------------------------------------------------------------------------


def comment_create(*, wijk, post, author, text, parent=None, placed_by=None, via_point=None):
    author, placed_by = _author_and_placer(wijk=wijk, author=author, placed_by=placed_by, capability="post.comment")
    if post.wijk_id != wijk.pk:
        raise ValidationError(_("This post belongs to another wijk."), code="wijk")
    if via_point is not None and via_point.wijk_id != wijk.pk:
        raise ValidationError(_("This Point belongs to another wijk."), code="wijk")
    text = _clean_text(text, limit=MAX_COMMENT_CHARS)
    if parent is not None:
        if parent.wijk_id != wijk.pk or parent.post_id != post.pk:
            raise ValidationError(_("You can only reply to a comment on the same post."), code="parent")
        if parent.parent_id:  # one level of replies: a reply to a reply joins the same thread
            parent = Comment.objects.in_wijk(wijk).get(pk=parent.parent_id)
    _rate_limit(wijk=wijk, user=placed_by or author, what="comment")
    with transaction.atomic():
        comment = Comment.objects.create(
            wijk=wijk,
            post=post,
            parent=parent,
            author=author,
            text=text,
            placed_by=placed_by,
            via_point=via_point,
        )
        url = comment.get_absolute_url()
        excerpt = Truncator(plain_text(text)).chars(300)
        told = {author.pk}
        mentioned = [p for p in mentioned_people(wijk=wijk, text=text, by=author) if p.pk not in told]
        _notify(
            wijk=wijk,
            recipients=mentioned,
            kind="mention",
            actor=author,
            url=url,
            body=excerpt,
            title=_("%(name)s mentioned you in a comment") % {"name": author.name},
        )
        told |= {p.pk for p in mentioned}
        direct = []
        if parent is not None and parent.author_id not in told:
            direct.append(parent.author)
        if post.author_id not in told and post.author_id not in {p.pk for p in direct}:
            direct.append(post.author)
        _notify(
            wijk=wijk,
            recipients=direct,
            kind="reply",
            actor=author,
            url=url,
            body=excerpt,
            title=_("%(name)s replied: %(post)s") % {"name": author.name, "post": post.title},
        )
        told |= {p.pk for p in direct}
        followers = [
            f.user
            for f in Follow.objects.in_wijk(wijk).filter(post=post).exclude(user_id__in=told).select_related("user")
        ]
        _notify(
            wijk=wijk,
            recipients=followers,
            kind="followed_post",
            actor=author,
            url=url,
            body=excerpt,
            title=_("New comment on a post you follow: %(post)s") % {"post": post.title},
        )
        transaction.on_commit(lambda: _index_comment(comment))
    return comment


def comment_delete(*, wijk, comment, by):
    if comment.wijk_id != wijk.pk or comment.author_id != by.pk:
        raise ValidationError(_("Only the author can delete this comment."), code="not_author")
    replies = list(Comment.objects.in_wijk(wijk).filter(parent=comment))
    with transaction.atomic():
        Comment.objects.in_wijk(wijk).filter(parent=comment).delete()
        ghost = Comment(pk=comment.pk, wijk=wijk)
        comment.delete()

        def after():
            for row in (ghost, *replies):
                _unindex(wijk, row)

        transaction.on_commit(after)


# --- Photos -----------------------------------------------------------------------------------------------


def photo_variants_make(*, wijk, photo_id):
    """Make the smaller variant of a photo (run by a task). Returns the photo, or None when it is gone."""
    photo = PostPhoto.objects.in_wijk(wijk).filter(pk=photo_id).first()
    if photo is None or photo.small:
        return photo
    if photo.width and photo.width <= SMALL_WIDTH:
        return photo  # already small: the original is shown
    with photo.image.open("rb") as file:
        data, (width, height) = resized_variant(file, width=SMALL_WIDTH)
    name = photo.image.name.rsplit("/", 1)[-1]
    photo.small.save(name, ContentFile(data), save=False)
    photo.small_width, photo.small_height = width, height
    photo.save(update_fields=["small", "small_width", "small_height"])
    return photo


# --- Initiatives ------------------------------------------------------------------------------------------


def _must_lead(initiative, by):
    if initiative.author_id != by.pk:
        raise ValidationError(_("Only the person who started this initiative can do this."), code="not_author")


def initiative_create(*, wijk, title, description, by, tasks=()):
    require(by, "initiative.create", wijk)
    title = _clean_text(title, limit=140)
    description = _clean_text(description, limit=MAX_POST_CHARS)
    with transaction.atomic():
        initiative = Initiative.objects.create(wijk=wijk, title=title, description=description, author=by)
        InitiativeSupport.objects.create(wijk=wijk, initiative=initiative, user=by)
        for task_title in tasks:
            if task_title.strip():
                InitiativeTask.objects.create(wijk=wijk, initiative=initiative, title=task_title.strip()[:140])
        transaction.on_commit(lambda: _index_initiative(initiative))
    return initiative


def _index_initiative(initiative):
    try:
        index_document(
            wijk=initiative.wijk,
            obj=initiative,
            kind="post",
            title=initiative.title,
            body=plain_text(initiative.description),
            url=initiative.get_absolute_url(),
            public=True,
            published_at=initiative.created_at,
        )
    except Exception:  # noqa: BLE001
        logger.exception("indexing initiative %s failed", initiative.pk)


def initiative_status_set(*, wijk, initiative, status, by):
    _must_lead(initiative, by)
    if status not in Initiative.Status.values:
        raise ValidationError(_("Choose a status."), code="status")
    initiative.status = status
    initiative.save(update_fields=["status"])
    return initiative


def initiative_update_add(*, wijk, initiative, text, by):
    _must_lead(initiative, by)
    text = _clean_text(text, limit=MAX_COMMENT_CHARS)
    with transaction.atomic():
        update = InitiativeUpdate.objects.create(wijk=wijk, initiative=initiative, author=by, text=text)
        supporters = [
            s.user for s in InitiativeSupport.objects.in_wijk(wijk).filter(initiative=initiative).select_related("user")
        ]
        _notify(
            wijk=wijk,
            recipients=supporters,
            kind="initiative_update",
            actor=by,
            url=initiative.get_absolute_url(),
            body=Truncator(plain_text(text)).chars(300),
            title=_("News about %(initiative)s") % {"initiative": initiative.title},
        )
    return update


def initiative_task_add(*, wijk, initiative, title, needed=1, by):
    _must_lead(initiative, by)
    title = _clean_text(title, limit=140)
    if not 1 <= int(needed) <= 500:
        raise ValidationError(_("Ask for between 1 and 500 volunteers."), code="needed")
    return InitiativeTask.objects.create(wijk=wijk, initiative=initiative, title=title, needed=needed)


def initiative_support_toggle(*, wijk, initiative, by):
    require(by, "initiative.join", wijk)
    with transaction.atomic():
        rows = InitiativeSupport.objects.in_wijk(wijk).filter(initiative=initiative, user=by)
        if rows.exists():
            rows.delete()
            return False
        InitiativeSupport.objects.get_or_create(wijk=wijk, initiative=initiative, user=by)
        return True


def task_signup_toggle(*, wijk, task, by):
    """Sign up for a task as a volunteer, or sign off again. A full task takes nobody more."""
    require(by, "initiative.join", wijk)
    with transaction.atomic():
        rows = TaskVolunteer.objects.in_wijk(wijk).filter(task=task, user=by)
        if rows.exists():
            rows.delete()
            return False
        if TaskVolunteer.objects.in_wijk(wijk).filter(task=task).count() >= task.needed:
            raise ValidationError(_("This task has enough volunteers already. Thank you!"), code="full")
        TaskVolunteer.objects.get_or_create(wijk=wijk, task=task, user=by)
        InitiativeSupport.objects.get_or_create(wijk=wijk, initiative_id=task.initiative_id, user=by)
        return True


# --- Kindness reminder ------------------------------------------------------------------------------------


def kindness_word_add(*, wijk, phrase, by):
    require(by, "kindness.manage", wijk)
    phrase = " ".join((phrase or "").split())[:80]
    if len(phrase) < 2:
        raise ValidationError(_("Give a word or phrase of at least two letters."), code="short")
    word, _created = KindnessWord.objects.in_wijk(wijk).get_or_create(
        wijk=wijk, phrase=phrase.lower(), defaults={"added_by": by}
    )
    return word


def kindness_word_remove(*, wijk, word, by):
    require(by, "kindness.manage", wijk)
    KindnessWord.objects.in_wijk(wijk).filter(pk=word.pk).delete()
