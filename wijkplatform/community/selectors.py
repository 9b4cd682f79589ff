"""Reads of the community app, wijk first."""

from datetime import datetime

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from wijkplatform.accounts.selectors import only_name
from wijkplatform.core.capabilities import can

from .models import (
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

FEED_PAGE_SIZE = 20


def _count(model, wijk, link, filters=None):
    """A correlated COUNT(*) of rows of `model` in this wijk whose `link` points at the outer row."""
    rows = (
        model.objects.in_wijk(wijk)
        .filter(**{link: OuterRef("pk")}, **(filters or {}))
        .order_by()
        .values("wijk")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def may_see_members_only(*, wijk, user):
    return bool(user and user.is_authenticated and can(user, "wijk.view_members_only", wijk))


def posts_visible(*, wijk, user):
    """The posts of the wijk this person may read (public ones, plus members-only for members)."""
    posts = Post.objects.in_wijk(wijk).visible()
    if not may_see_members_only(wijk=wijk, user=user):
        posts = posts.filter(audience=Post.Audience.PUBLIC)
    return posts


def _with_details(posts, *, wijk, user):
    from wijkplatform.points.models import Point

    # The people, Point and organisation a post may name are mostly absent: fetched apart (no query when none
    # is named), because each extra join costs PostgreSQL ~0.3 ms of planning on every read of a post.
    posts = (
        posts.select_related("author", "wijk")
        .annotate(
            like_count=_count(Like, wijk, "post"),
            comment_count=_count(Comment, wijk, "post", {"hidden_at__isnull": True}),
        )
        .prefetch_related(
            Prefetch("photos", queryset=PostPhoto.objects.in_wijk(wijk)),
            Prefetch("via_point", queryset=Point.objects.in_wijk(wijk)),
            "placed_by",
            "organisation",
            "thanked",
        )
    )
    return _with_marks(posts, wijk=wijk, user=user)


def _with_marks(posts, *, wijk, user):
    """Whether this person liked, bookmarked and follows each post."""
    posts = _with_liked(posts, wijk=wijk, user=user)
    if user is not None and user.is_authenticated:
        return posts.annotate(
            bookmarked=Exists(Bookmark.objects.in_wijk(wijk).filter(post=OuterRef("pk"), user=user)),
            following=Exists(Follow.objects.in_wijk(wijk).filter(post=OuterRef("pk"), user=user)),
        )
    return posts.annotate(bookmarked=Value(False), following=Value(False))


def _with_liked(posts, *, wijk, user):
    if user is not None and user.is_authenticated:
        return posts.annotate(liked=Exists(Like.objects.in_wijk(wijk).filter(post=OuterRef("pk"), user=user)))
    return posts.annotate(liked=Value(False))


def posts_for(*, wijk, user, kind=None):
    """The feed: newest first, with counts, photos and the reader's own like/bookmark/follow."""
    posts = posts_visible(wijk=wijk, user=user)
    if kind:
        posts = posts.filter(kind=kind)
    return _with_details(posts, wijk=wijk, user=user).order_by("-created_at", "-id")


def encode_cursor(created_at, pk):
    return f"{created_at.isoformat()}_{pk}"


def decode_cursor(cursor):
    """(created_at, id) from a cursor, or None when it is missing or malformed."""
    try:
        when, pk = str(cursor).rsplit("_", 1)
        return datetime.fromisoformat(when.replace(" ", "+")), int(pk)
    except (TypeError, ValueError):
        return None


def feed_page(*, wijk, user, cursor=None, kind=None, size=FEED_PAGE_SIZE):
    """One page of the feed by keyset, newest first: [(post id, liked by this person)] and the next cursor or None.

    No more than it takes to find each post's card, since most are kept (views._post_cards); `posts_by_id`
    reads the others in full. Same number of queries for any page."""
    posts = posts_visible(wijk=wijk, user=user)
    if kind:
        posts = posts.filter(kind=kind)
    key = decode_cursor(cursor) if cursor else None
    if key:
        when, pk = key
        posts = posts.filter(Q(created_at__lt=when) | Q(created_at=when, pk__lt=pk))
    posts = _with_liked(posts, wijk=wijk, user=user).order_by("-created_at", "-id")
    rows = list(posts.values_list("pk", "liked", "created_at")[: size + 1])
    page = [(pk, liked) for pk, liked, _ in rows[:size]]
    return page, (encode_cursor(rows[size - 1][2], rows[size - 1][0]) if len(rows) > size else None)


def posts_pinned(*, wijk, user):
    """The pinned posts, at most three, as [(post id, liked by this person)]."""
    posts = _with_liked(posts_visible(wijk=wijk, user=user).filter(pinned_at__isnull=False), wijk=wijk, user=user)
    return list(posts.order_by("-pinned_at").values_list("pk", "liked")[:3])


def posts_by_id(*, wijk, user, ids):
    """These posts in full, by id: only those this person may see."""
    return {post.pk: post for post in posts_for(wijk=wijk, user=user).filter(pk__in=ids)}


def post_get_for(*, wijk, user, pk, include_details=True):
    """The post with this id in this wijk that the person may see, or 404."""
    posts = posts_visible(wijk=wijk, user=user).filter(pk=pk)
    if include_details:
        posts = _with_details(posts, wijk=wijk, user=user)
    return _first_or_404(posts)


def post_marked_get_for(*, wijk, user, pk):
    """The post as `post_get_for` finds it, with only this person's like, bookmark and follow besides: what a
    post's page reads on every visit (the rest is kept, views._render_detail)."""
    post = _first_or_404(_with_marks(posts_visible(wijk=wijk, user=user).filter(pk=pk), wijk=wijk, user=user))
    post.wijk = wijk  # for its address, without reading the wijk again
    return post


def _first_or_404(posts):
    post = posts.first()
    if post is None:
        raise Http404(_("This post does not exist, or you may not see it."))
    return post


def post_own_get(*, wijk, user, pk):
    """A post of this person (for editing and deleting), or 404."""
    post = Post.objects.in_wijk(wijk).filter(pk=pk, author=user).first() if user.is_authenticated else None
    if post is None:
        raise Http404(_("This post does not exist, or it is not yours."))
    return post


def comments_of(*, wijk, post):
    """Top-level comments with their replies in `.reply_list`: two queries whatever the number."""
    comments = list(
        Comment.objects.in_wijk(wijk)
        .visible()
        .filter(post=post)
        .select_related("author", "via_point")
        .defer(*only_name("author"))  # kept in the cache (views._comment_threads)
    )
    top, by_parent = [], {}
    for comment in comments:
        if comment.parent_id:
            by_parent.setdefault(comment.parent_id, []).append(comment)
        else:
            top.append(comment)
    for comment in top:
        comment.reply_list = by_parent.get(comment.pk, [])
    return top


def comment_get_for(*, wijk, user, pk):
    comment = Comment.objects.in_wijk(wijk).visible().filter(pk=pk).select_related("post").first()
    if comment is None or not posts_visible(wijk=wijk, user=user).filter(pk=comment.post_id).exists():
        raise Http404(_("This comment does not exist."))
    return comment


def responders(*, wijk, post):
    """The people who responded to a post (its commenters other than the author), first response first."""
    seen, people = set(), []
    rows = Comment.objects.in_wijk(wijk).visible().filter(post=post).exclude(author=post.author_id)
    for comment in rows.select_related("author").order_by("created_at"):
        if comment.author_id not in seen:
            seen.add(comment.author_id)
            people.append(comment.author)
    return people


def thanks_recent(*, wijk, limit=10):
    return list(
        Post.objects.in_wijk(wijk)
        .visible()
        .filter(kind=Post.Kind.THANKS, audience=Post.Audience.PUBLIC)
        .select_related("author", "wijk", "thanked")
        .order_by("-created_at", "-id")[:limit]
    )


def members_to_thank(*, wijk, user):
    """The people a member can name in a thank-you: the other active members of the wijk, by name, less those
    who blocked this member (a thank-you tells them, as a mention does, and a block stops mentions)."""
    from wijkplatform.accounts.models import User
    from wijkplatform.messaging.models import Block
    from wijkplatform.wijken.models import Membership

    ids = Membership.objects.in_wijk(wijk).filter(status=Membership.Status.ACTIVE).values("user_id")
    blocked_by = Block.objects.filter(blocked_id=user.pk).values("blocker_id")
    return (
        User.objects.filter(pk__in=ids, is_active=True)
        .exclude(pk=user.pk)
        .exclude(pk__in=blocked_by)
        .order_by("display_name", "pk")
    )


# Up to this many people to thank, the form shows them all in a list; a larger wijk gets a search instead.
THANKED_LIST_MAX = 50
# A search for a person to thank shows at most this many.
THANKED_MATCHES = 10


def members_are_few(members):
    """Whether these people (`members_to_thank`) fit in one list: one query that counts at most 51 rows."""
    return members[: THANKED_LIST_MAX + 1].count() <= THANKED_LIST_MAX


def members_matching(members, *, query, limit=THANKED_MATCHES):
    """Up to `limit` of these people (`members_to_thank`) whose name contains `query`, the names that start
    with it first: one query, whatever the size of the wijk.

    Someone without a display name is shown by the first part of their email address, and found by it too
    (only as its start, and never with an "@" typed: the rest of the address stays unknown)."""
    query = query.strip()
    if not query:
        return []
    by_name = Q(display_name__icontains=query)
    if "@" not in query:
        by_name |= Q(display_name="", email__istartswith=query)
    starts = Case(When(display_name__istartswith=query, then=Value(0)), default=Value(1), output_field=IntegerField())
    return list(members.filter(by_name).annotate(starts=starts).order_by("starts", "display_name", "pk")[:limit])


def bookmarks_of(*, wijk, user):
    ids = Bookmark.objects.in_wijk(wijk).filter(user=user).values("post_id")
    return posts_for(wijk=wijk, user=user).filter(pk__in=ids)


def kindness_words(*, wijk):
    return list(KindnessWord.objects.in_wijk(wijk).values_list("phrase", flat=True))


# --- Initiatives ------------------------------------------------------------------------------------------


def initiatives_of(*, wijk):
    return (
        Initiative.objects.in_wijk(wijk)
        .visible()
        .select_related("author", "wijk")
        .annotate(support_count=_count(InitiativeSupport, wijk, "initiative"))
        .order_by("-created_at", "-id")
    )


def initiative_get_for(*, wijk, user, pk):
    initiative = initiatives_of(wijk=wijk).filter(pk=pk).first()
    if initiative is None:
        raise Http404(_("This initiative does not exist."))
    return initiative


def initiative_details(*, wijk, initiative, user):
    """Tasks with their volunteers, updates, and whether this person supports it: fixed number of queries."""
    tasks = list(
        InitiativeTask.objects.in_wijk(wijk)
        .filter(initiative=initiative)
        .prefetch_related(Prefetch("volunteers", queryset=TaskVolunteer.objects.in_wijk(wijk).select_related("user")))
    )
    for task in tasks:
        task.people = [v.user for v in task.volunteers.all()]
        task.mine = user.is_authenticated and any(p.pk == user.pk for p in task.people)
        task.full = len(task.people) >= task.needed
    updates = list(InitiativeUpdate.objects.in_wijk(wijk).filter(initiative=initiative).select_related("author"))
    supporters = list(
        InitiativeSupport.objects.in_wijk(wijk)
        .filter(initiative=initiative)
        .select_related("user")
        .order_by("created_at")
    )
    supporting = user.is_authenticated and any(s.user_id == user.pk for s in supporters)
    return {
        "tasks": tasks,
        "updates": updates,
        "supporters": [s.user for s in supporters],
        "supporting": supporting,
    }
