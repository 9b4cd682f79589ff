"""Fixtures every test can use. The people: alice (member of `wijk`), bob (another member of `wijk`),
charlie (member of `other_wijk` only: must see nothing of `wijk`), and a coordinator of `wijk`."""

import pytest
from django.db import connections

from wijkplatform.core.testing.factories import PASSWORD, UserFactory, WijkFactory, member
from wijkplatform.core.testing.tenancy_guard import TenancyGuard


@pytest.fixture(autouse=True)
def tenancy_guard(request):
    """Every query on a wijk's table must go through the wijk (DESIGN.md §5)."""
    if "django_db_setup" not in request.fixturenames and "db" not in request.fixturenames \
            and "transactional_db" not in request.fixturenames:
        yield None
        return
    guard = TenancyGuard()
    with connections["default"].execute_wrapper(guard):
        yield guard


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_in_process():
    """Tasks run eagerly in tests, also when REDIS_URL gives a broker; broker tests switch this off."""
    from wijkplatform.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and memoised values live in the cache: every test starts with an empty one."""
    from django.core.cache import cache

    from wijkplatform.accounts.backends import forget_kept_people
    from wijkplatform.accounts.sessions import forget_known_sessions
    from wijkplatform.core.pagecache import forget_process_copies
    from wijkplatform.wijken.selectors import wijk_forget_all

    cache.clear()
    wijk_forget_all()
    forget_process_copies()
    forget_kept_people()
    forget_known_sessions()
    yield
    cache.clear()
    wijk_forget_all()
    forget_process_copies()
    forget_kept_people()
    forget_known_sessions()


@pytest.fixture(autouse=True)
def _default_language():
    """A request leaves its language active in the thread: the next test starts in the default one again."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def client():
    """A browser that asks for English (the source language), as most tests assert English text.

    Without a language preference, a wijk's pages speak the wijk's own language (Dutch for `wijk`).
    """
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def wijk(db):
    return WijkFactory(slug="oude-noorden", name="Oude Noorden", city="Rotterdam", country="NL")


@pytest.fixture
def other_wijk(db):
    return WijkFactory(slug="harlem", name="Harlem", city="New York", country="US", time_zone="America/New_York",
                       language="en")


@pytest.fixture
def alice(wijk):
    return member(wijk, display_name="Alice")


@pytest.fixture
def bob(wijk):
    return member(wijk, display_name="Bob")


@pytest.fixture
def charlie(other_wijk):
    return member(other_wijk, display_name="Charlie")


@pytest.fixture
def coordinator(wijk):
    return member(wijk, "coordinator", display_name="Cora")


@pytest.fixture
def staff(db):
    from wijkplatform.core.testing.factories import give_mfa

    user = UserFactory(display_name="Stef", is_staff=True, is_superuser=True)
    give_mfa(user)
    return user


@pytest.fixture
def stranger(db):
    """Signed up, member of no wijk."""
    return UserFactory(display_name="Sam")
