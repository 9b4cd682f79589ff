"""The slides of the Point screen: events, stories, thank-yous and the hours, each with a QR code."""

import segno
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from wijkplatform.newsroom.selectors import stories_published


def qr_svg(url, *, title=""):
    """An inline SVG QR code (no scripts, no style attributes: fine under the strict CSP)."""
    return mark_safe(  # noqa: S308 - segno writes this SVG; the URL and title in it are escaped
        segno.make(url, error="m").svg_inline(scale=8, border=2, title=title or None, dark="#000", light="#fff")
    )


def _slide(request, *, kind, label, title, text, url, when=None):
    absolute = request.build_absolute_uri(url)
    return {
        "kind": kind,
        "label": label,
        "title": title,
        "text": Truncator(strip_tags(text or "")).chars(220),
        "url": absolute,
        "when": when,
        "qr": qr_svg(absolute, title=title),
    }


def screen_slides(request, *, wijk, point):
    # Events and community point at points: importing them at module level would be circular.
    from wijkplatform.community.selectors import thanks_recent
    from wijkplatform.events.selectors import events_upcoming

    slides = []
    here = list(events_upcoming(wijk=wijk, point=point, limit=3))
    seen = {o.pk for o in here}
    others = [o for o in events_upcoming(wijk=wijk, limit=6) if o.pk not in seen]
    for occurrence in (here + others)[:5]:
        event = occurrence.event
        slides.append(
            _slide(
                request,
                kind="event",
                label=_("Coming up"),
                title=event.title,
                text=getattr(event, "description", ""),
                url=occurrence.get_absolute_url(),
                when=occurrence.starts_at,
            )
        )
    for story in stories_published(wijk=wijk, limit=3):
        slides.append(
            _slide(
                request,
                kind="story",
                label=_("New story"),
                title=story.title,
                text=getattr(story, "summary", "") or getattr(story, "lead", ""),
                url=story.get_absolute_url(),
                when=getattr(story, "published_at", None),
            )
        )
    for post in thanks_recent(wijk=wijk, limit=3):
        slides.append(
            _slide(
                request,
                kind="thanks",
                label=_("Thank you!"),
                title=(
                    _("%(name)s thanks %(thanked)s") % {"name": post.author.name, "thanked": post.thanked.name}
                    if post.thanked_id
                    else _("%(name)s says thank you") % {"name": post.author.name}
                ),
                text=post.text,
                url=post.get_absolute_url(),
                when=post.created_at,
            )
        )
    hours_url = reverse("points:detail", kwargs={"wijk_slug": wijk.slug, "slug": point.slug})
    slides.append(
        _slide(
            request,
            kind="hours",
            label=_("Opening hours"),
            title=point.name,
            text=point.address,
            url=hours_url,
        )
    )
    return slides
