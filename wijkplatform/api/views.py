"""The endpoints: thin. They find the wijk, call the apps' selectors and services, and shape the answer."""

import datetime

from django.http import Http404
from django.urls import reverse
from ninja import Query, Router, Status
from ninja.errors import HttpError

from wijkplatform.academy import selectors as academy
from wijkplatform.community import selectors as community
from wijkplatform.community import services as community_services
from wijkplatform.core.capabilities import can
from wijkplatform.events import selectors as events
from wijkplatform.events import services as event_services
from wijkplatform.helpdesk import services as helpdesk_services
from wijkplatform.newsroom import selectors as newsroom
from wijkplatform.partners import selectors as partners
from wijkplatform.points import selectors as points
from wijkplatform.wijken.selectors import wijk_get_live, wijken_public

from . import schemas
from .auth import Session, WriteToken, caller
from .pagination import page

router = Router()
WRITE = [WriteToken(), Session()]


def _wijk(request, slug):
    """The wijk at this address that the caller may read, or 404 (a members-only wijk for non-members too)."""
    wijk = wijk_get_live(slug=slug)
    if wijk is None:
        raise Http404
    person = caller(request)
    if wijk.visibility == wijk.Visibility.MEMBERS and not can(person, "wijk.view_members_only", wijk):
        raise Http404
    return wijk, person


def _absolute(request, path):
    return request.build_absolute_uri(path)


def _wijk_out(request, wijk):
    return {**{f: getattr(wijk, f) for f in ("slug", "name", "city", "country", "time_zone", "language", "colour",
                                              "tagline", "latitude", "longitude")},
            "url": _absolute(request, wijk.get_absolute_url())}


def _post_out(request, wijk, post):
    return {
        "id": post.pk, "kind": post.kind, "category": post.category, "text": post.text, "audience": post.audience,
        "author": {"name": post.author.name}, "created_at": post.created_at, "edited_at": post.edited_at,
        "like_count": post.like_count, "comment_count": post.comment_count,
        "url": _absolute(request, reverse("community:post_detail", kwargs={"wijk_slug": wijk.slug, "pk": post.pk})),
    }


Limit = Query(20, ge=1, le=100)


@router.get("/wijken", response=schemas.WijkPage, summary="Wijken that are public")
def wijken_list(request, cursor: str | None = None, limit: int = Limit):
    items, next_cursor = page(wijken_public(), cursor=cursor, limit=limit)
    return {"items": [_wijk_out(request, wijk) for wijk in items], "next_cursor": next_cursor}


@router.get("/wijken/{slug}", response=schemas.WijkOut, summary="One wijk")
def wijk_detail(request, slug: str):
    wijk, _person = _wijk(request, slug)
    return _wijk_out(request, wijk)


@router.get("/wijken/{slug}/posts", response=schemas.PostPage, summary="Posts of the feed the caller may read")
def posts_list(request, slug: str, cursor: str | None = None, limit: int = Limit, kind: str | None = None,
               since: datetime.datetime | None = None):
    wijk, person = _wijk(request, slug)
    posts = community.posts_for(wijk=wijk, user=person, kind=kind)
    if since:
        posts = posts.filter(created_at__gte=since)
    items, next_cursor = page(posts, cursor=cursor, limit=limit, order=("-created_at", "-pk"))
    return {"items": [_post_out(request, wijk, post) for post in items], "next_cursor": next_cursor}


@router.get("/wijken/{slug}/posts/{post_id}", response=schemas.PostOut, summary="One post")
def post_detail(request, slug: str, post_id: int):
    wijk, person = _wijk(request, slug)
    return _post_out(request, wijk, community.post_get_for(wijk=wijk, user=person, pk=post_id))


@router.get("/wijken/{slug}/posts/{post_id}/comments", response=schemas.CommentPage, summary="Comments of a post")
def comments_list(request, slug: str, post_id: int):
    wijk, person = _wijk(request, slug)
    post = community.post_get_for(wijk=wijk, user=person, pk=post_id, include_details=False)
    flat = []
    for comment in community.comments_of(wijk=wijk, post=post):
        flat.extend([comment, *comment.reply_list])
    return {"items": [{"id": c.pk, "parent_id": c.parent_id, "text": c.text, "author": {"name": c.author.name},
                       "created_at": c.created_at} for c in flat], "next_cursor": None}


@router.post("/wijken/{slug}/posts", response={201: schemas.PostOut}, auth=WRITE, summary="Post to the feed")
def post_create(request, slug: str, data: schemas.PostIn):
    wijk, person = _wijk(request, slug)
    post = community_services.post_create(wijk=wijk, author=person, kind=data.kind, text=data.text,
                                          audience=data.audience)
    return Status(201, _post_out(request, wijk, community.post_get_for(wijk=wijk, user=person, pk=post.pk)))


@router.post("/wijken/{slug}/posts/{post_id}/comments", response={201: schemas.CommentOut}, auth=WRITE,
             summary="Comment on a post")
def comment_create(request, slug: str, post_id: int, data: schemas.CommentIn):
    wijk, person = _wijk(request, slug)
    post = community.post_get_for(wijk=wijk, user=person, pk=post_id, include_details=False)
    parent = community.comment_get_for(wijk=wijk, user=person, pk=data.parent_id) if data.parent_id else None
    if parent is not None and parent.post_id != post.pk:
        raise HttpError(400, "The comment you reply to belongs to another post.")
    comment = community_services.comment_create(wijk=wijk, post=post, author=person, text=data.text, parent=parent)
    return Status(201, {"id": comment.pk, "parent_id": comment.parent_id, "text": comment.text,
                        "author": {"name": person.name}, "created_at": comment.created_at})


@router.put("/wijken/{slug}/posts/{post_id}/like", response=schemas.LikeOut, auth=WRITE,
            summary="Like a post (on: true) or take the like back (on: false)")
def post_like(request, slug: str, post_id: int, data: schemas.LikeIn):
    wijk, person = _wijk(request, slug)
    post = community.post_get_for(wijk=wijk, user=person, pk=post_id, include_details=False)
    liked = community_services.like_toggle(wijk=wijk, post=post, by=person, on=data.on)
    return {"liked": liked, "like_count": community_services.like_count(wijk=wijk, post=post)}


def _date_out(request, wijk, date):
    event = date.event
    return {
        "id": date.pk, "event_id": event.pk, "title": event.title, "description": event.description,
        "starts_at": date.starts_at, "ends_at": date.ends_at, "place": event.place, "address": event.address,
        "online_url": event.online_url, "cost": event.cost, "for_children": event.for_children,
        "step_free": event.step_free, "accessibility": event.accessibility, "cancelled": date.cancelled,
        "url": _absolute(request, reverse("events:detail", kwargs={"wijk_slug": wijk.slug, "pk": event.pk})),
    }


@router.get("/wijken/{slug}/events", response=schemas.EventPage, summary="Dates of events to come, soonest first")
def events_list(request, slug: str, cursor: str | None = None, limit: int = Limit, free: bool = False,
                children: bool = False, accessible: bool = False):
    wijk, _person = _wijk(request, slug)
    dates = events.occurrences_upcoming(wijk=wijk, free=free, children=children, accessible=accessible)
    items, next_cursor = page(dates, cursor=cursor, limit=limit, order=("starts_at", "pk"))
    return {"items": [_date_out(request, wijk, date) for date in items], "next_cursor": next_cursor}


@router.put("/wijken/{slug}/events/{event_id}/rsvp", response=schemas.RsvpOut, auth=WRITE,
            summary="Say whether you come to the next date of an event")
def event_rsvp(request, slug: str, event_id: int, data: schemas.RsvpIn):
    wijk, person = _wijk(request, slug)
    event = events.event_get_for(wijk=wijk, user=person, pk=event_id)
    rsvp = event_services.rsvp_set(wijk=wijk, event=event, user=person, status=data.status)
    return {"status": rsvp.status, "waiting": rsvp.waiting_since is not None}


@router.get("/wijken/{slug}/stories", response=schemas.StoryPage, summary="Published stories, newest first")
def stories_list(request, slug: str, cursor: str | None = None, limit: int = Limit, tag: str | None = None,
                 since: datetime.datetime | None = None):
    wijk, _person = _wijk(request, slug)
    stories = newsroom.stories_published(wijk=wijk, tag=tag).select_related("reporter")
    if since:
        stories = stories.filter(published_at__gte=since)
    items, next_cursor = page(stories, cursor=cursor, limit=limit, order=("-published_at", "-pk"))
    return {"items": [{
        "id": s.pk, "title": s.title, "lead": s.lead, "body": s.body, "language": s.language,
        "tags": [t.strip() for t in s.tags.split(",") if t.strip()], "reporter": {"name": s.reporter.name},
        "published_at": s.published_at,
        "url": _absolute(request, reverse("newsroom:story", kwargs={"wijk_slug": wijk.slug, "pk": s.pk})),
    } for s in items], "next_cursor": next_cursor}


@router.get("/wijken/{slug}/points", response=schemas.PointPage, summary="LikeJeWijk Points with opening hours")
def points_list(request, slug: str):
    wijk, _person = _wijk(request, slug)
    rows = points.points_with_hours(wijk=wijk)
    return {"items": [{
        "slug": p.slug, "name": p.name, "kind": p.kind, "address": p.address, "latitude": p.latitude,
        "longitude": p.longitude, "description": p.description, "accessibility": p.accessibility,
        "hours": [{"weekday": h.weekday, "opens": h.opens, "closes": h.closes} for h in p.hours.all()],
        "url": _absolute(request, reverse("points:detail", kwargs={"wijk_slug": wijk.slug, "slug": p.slug})),
    } for p in rows], "next_cursor": None}


@router.get("/wijken/{slug}/partners", response=schemas.PartnerPage, summary="Partner organisations of the wijk")
def partners_list(request, slug: str):
    wijk, _person = _wijk(request, slug)
    return {"items": [{
        "slug": presence.organisation.slug, "name": presence.organisation.name, "kind": presence.organisation.kind,
        "offer": presence.organisation.offer, "website": presence.organisation.website,
        "opening_hours": presence.organisation.opening_hours, "verified": presence.verified,
    } for presence in partners.presences_of(wijk=wijk)], "next_cursor": None}


@router.get("/academy/courses", response=schemas.CoursePage, summary="Published courses of the Academy")
def courses_list(request, audience: str = "", language: str = ""):
    courses = academy.courses_published(audience=audience, language=language)  # a short list: one page
    return {"items": [{
        "slug": c.slug, "title": c.title, "summary": c.summary, "language": c.language, "audiences": c.audiences,
        "url": _absolute(request, reverse("academy:course", kwargs={"slug": c.slug})),
    } for c in courses], "next_cursor": None}


@router.post("/wijken/{slug}/help", response={201: schemas.TicketOut}, auth=WRITE,
             summary="Ask the wijktechnischedienst for help")
def ticket_create(request, slug: str, data: schemas.TicketIn):
    wijk, person = _wijk(request, slug)
    ticket = helpdesk_services.ticket_create(wijk=wijk, by=person, category=data.category, subject=data.subject,
                                             question=data.question)
    return Status(201, {"id": ticket.pk, "status": ticket.status, "subject": ticket.subject,
                        "url": _absolute(request, ticket.get_absolute_url())})
