"""The printed wijk paper: an edition rendered as an A4 PDF with WeasyPrint, to print at the Points."""

from pathlib import Path

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkplatform.core.services import require
from wijkplatform.events.selectors import events_upcoming
from wijkplatform.points.selectors import points_with_hours

from . import selectors
from .models import Edition


def _image_uri(field):
    """A file:// address WeasyPrint can read, for stored images on local disk (else None)."""
    if not field:
        return None
    try:
        return Path(field.path).as_uri()
    except (NotImplementedError, ValueError):
        return None


def edition_context(*, wijk, edition, stories):
    events = list(events_upcoming(wijk=wijk, limit=12))
    points = list(points_with_hours(wijk=wijk))
    hours = {}
    for point in points:
        cache = getattr(point, "_prefetched_objects_cache", {})
        hours[point.pk] = [str(h) for h in cache.get("hours", [])]
    wijk_url = settings.SITE_URL + reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})
    help_url = f"{wijk_url}help/"
    qr = segno.make(wijk_url, error="m").svg_data_uri(scale=4, border=1)
    return {
        "wijk": wijk,
        "edition": edition,
        "stories": [(story, _image_uri(story.cover)) for story in stories],
        "events": events,
        "points": [(point, hours.get(point.pk, [])) for point in points],
        "wijk_url": wijk_url,
        "help_url": help_url,
        "qr": qr,
        "printed_on": timezone.localdate(),
        "BRAND_NAME": settings.BRAND_NAME,
    }


def render_edition_html(*, wijk, edition, stories):
    return render_to_string("newsroom/paper/edition.html", edition_context(wijk=wijk, edition=edition, stories=stories))


def render_pdf(html):
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.MEDIA_ROOT)).write_pdf()


def edition_compose(*, wijk, title, intro="", story_ids, by):
    """Make a new edition from published stories and render its PDF (kept for the archive)."""
    require(by, "paper.compose", wijk)
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("An edition needs a title."), code="title")
    ids = list(dict.fromkeys(int(pk) for pk in story_ids))
    if not ids:
        raise ValidationError(_("Choose at least one published story for the paper."), code="empty")
    by_pk = {s.pk: s for s in selectors.stories_published(wijk=wijk).filter(pk__in=ids)}
    missing = [pk for pk in ids if pk not in by_pk]
    if missing:
        raise ValidationError(_("Only published stories of this wijk can go in the paper."), code="unpublished")
    stories = [by_pk[pk] for pk in ids]
    with transaction.atomic():
        number = (Edition.objects.in_wijk(wijk).aggregate(n=Max("number"))["n"] or 0) + 1
        edition = Edition.objects.create(
            wijk=wijk, number=number, title=title[:160], intro=intro or "", story_ids=ids, by=by
        )
        html = render_edition_html(wijk=wijk, edition=edition, stories=stories)
        edition.pdf.save(f"{wijk.slug}-{number}.pdf", ContentFile(render_pdf(html)), save=False)
        Edition.objects.in_wijk(wijk).filter(pk=edition.pk).update(pdf=edition.pdf.name)
    edition.html = html
    return edition
