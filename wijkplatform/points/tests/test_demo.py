import pytest

from wijkplatform.core.capabilities import ROLES
from wijkplatform.core.testing.factories import member
from wijkplatform.points import demo
from wijkplatform.points.models import OpeningHours, Point

pytestmark = pytest.mark.django_db


def test_demo_makes_two_points_with_hours_and_is_idempotent(client, wijk):
    people = {role: member(wijk, role) for role in ROLES}
    demo.populate(wijk=wijk, people=people)
    demo.populate(wijk=wijk, people=people)
    assert Point.objects.in_wijk(wijk).count() == 2
    assert OpeningHours.objects.in_wijk(wijk).count() == 9
    for point in Point.objects.in_wijk(wijk):
        assert client.get(point.get_absolute_url()).status_code == 200
