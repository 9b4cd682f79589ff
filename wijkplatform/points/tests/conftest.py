import pytest

from wijkplatform.core.testing.factories import member

from .factories import PointFactory, host_of


@pytest.fixture
def point(wijk):
    return PointFactory(wijk=wijk, name="Huis van de Wijk", slug="huis")


@pytest.fixture
def host(wijk, point):
    user = member(wijk, "point_host", display_name="Ria Host")
    host_of(point, user)
    return user
