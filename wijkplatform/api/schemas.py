"""What the API sends and takes. Inputs forbid unknown fields, so a typo is an error, not silently ignored."""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class WijkOut(Schema):
    slug: str
    name: str
    city: str
    country: str
    time_zone: str
    language: str
    colour: str
    tagline: str
    latitude: Decimal | None
    longitude: Decimal | None
    url: str


class PersonOut(Schema):
    name: str


class PostOut(Schema):
    id: int
    kind: str
    category: str
    text: str
    audience: str
    author: PersonOut
    created_at: datetime.datetime
    edited_at: datetime.datetime | None
    like_count: int
    comment_count: int
    url: str


class CommentOut(Schema):
    id: int
    parent_id: int | None
    text: str
    author: PersonOut
    created_at: datetime.datetime


class EventDateOut(Schema):
    id: int
    event_id: int
    title: str
    description: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    address: str
    online_url: str
    cost: Decimal | None
    for_children: bool
    step_free: bool
    accessibility: str
    cancelled: bool
    url: str


class StoryOut(Schema):
    id: int
    title: str
    lead: str
    body: str
    tags: list[str]
    language: str
    reporter: PersonOut
    published_at: datetime.datetime | None
    url: str


class HoursOut(Schema):
    weekday: int
    opens: datetime.time
    closes: datetime.time


class PointOut(Schema):
    slug: str
    name: str
    kind: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    description: str
    accessibility: str
    hours: list[HoursOut]
    url: str


class PartnerOut(Schema):
    slug: str
    name: str
    kind: str
    offer: str
    website: str
    opening_hours: str
    verified: bool


class CourseOut(Schema):
    slug: str
    title: str
    summary: str
    language: str
    audiences: list[str]
    url: str


class Page(Schema):
    next_cursor: str | None


class WijkPage(Page):
    items: list[WijkOut]


class PostPage(Page):
    items: list[PostOut]


class CommentPage(Page):
    items: list[CommentOut]


class EventPage(Page):
    items: list[EventDateOut]


class StoryPage(Page):
    items: list[StoryOut]


class PointPage(Page):
    items: list[PointOut]


class PartnerPage(Page):
    items: list[PartnerOut]


class CoursePage(Page):
    items: list[CourseOut]


class PostIn(Strict):
    kind: Literal["message", "question", "tip", "request", "offer", "give_away", "thanks", "volunteers"] = "message"
    text: str = Field(min_length=1, max_length=5000)
    audience: Literal["public", "members"] = "public"


class CommentIn(Strict):
    text: str = Field(min_length=1, max_length=2000)
    parent_id: int | None = None


class LikeIn(Strict):
    on: bool = True


class LikeOut(Schema):
    liked: bool
    like_count: int


class RsvpIn(Strict):
    status: Literal["going", "maybe", "not_going"]


class RsvpOut(Schema):
    status: str
    waiting: bool


class TicketIn(Strict):
    category: Literal["login", "posting", "phone", "broken", "other"]
    subject: str = Field(default="", max_length=150)
    question: str = Field(min_length=1, max_length=5000)


class TicketOut(Schema):
    id: int
    status: str
    subject: str
    url: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
