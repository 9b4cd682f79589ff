import factory
from django.utils import timezone

from wijkplatform.recognition.models import HoursLog


class HoursLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HoursLog

    kind = HoursLog.Kind.POINT_SHIFT
    what_for = "Gastvrouw bij het Wijkpunt"
    date = factory.LazyFunction(timezone.localdate)
    hours = 3
    status = HoursLog.Status.CONFIRMED


def fresh(obj):
    return type(obj).objects.in_wijk(obj.wijk_id).get(pk=obj.pk)
