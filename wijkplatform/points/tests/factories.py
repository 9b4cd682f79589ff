import datetime

import factory
from django.urls import reverse

from wijkplatform.points.models import Consent, OpeningException, OpeningHours, Point, PointHost


class PointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Point

    name = factory.Sequence(lambda n: f"Buurthuis {n}")
    slug = factory.Sequence(lambda n: f"buurthuis-{n}")
    address = "Zwaanshals 1, Rotterdam"
    latitude = "51.932000"
    longitude = "4.489000"
    activities = "Help with the platform\nPick up the wijk paper"


def hours(point, weekday, opens, closes):
    return OpeningHours.objects.create(
        wijk=point.wijk,
        point=point,
        weekday=weekday,
        opens=datetime.time.fromisoformat(opens),
        closes=datetime.time.fromisoformat(closes),
    )


def exception(point, date, kind="closed", opens=None, closes=None, note=""):
    return OpeningException.objects.create(
        wijk=point.wijk,
        point=point,
        date=date,
        kind=kind,
        note=note,
        opens=datetime.time.fromisoformat(opens) if opens else None,
        closes=datetime.time.fromisoformat(closes) if closes else None,
    )


def host_of(point, user):
    return PointHost.objects.create(wijk=point.wijk, point=point, user=user)


def consent(point, resident, host, scope="all"):
    from django.utils import timezone

    return Consent.objects.create(
        wijk=point.wijk, point=point, resident=resident, host=host, scope=scope, given_at=timezone.now()
    )


def assist_url(wijk, point):
    return reverse("points:assist", kwargs={"wijk_slug": wijk.slug, "slug": point.slug})
