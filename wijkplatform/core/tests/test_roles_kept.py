"""A member's roles are read once per version of the wijk: a role handed out or taken away counts at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkplatform.accounts.models import User
from wijkplatform.core.capabilities import EDITOR, POINT_HOST, RESIDENT, can, membership_held, roles_held
from wijkplatform.wijken.models import Membership, RoleAssignment

pytestmark = pytest.mark.django_db


def fresh(person):
    """The person as the next request loads them (roles are memoised on the object for one request)."""
    return User.objects.get(pk=person.pk)


def roles_queries(person, wijk, capability="point.assist"):
    with CaptureQueriesContext(connection) as queries:
        allowed = can(fresh(person), capability, wijk)
    return allowed, [q["sql"] for q in queries.captured_queries if "wijken_" in q["sql"]]


def test_roles_are_read_once_until_the_wijk_changes(wijk, bob):
    allowed, first = roles_queries(bob, wijk)
    assert first  # read once
    allowed_again, second = roles_queries(bob, wijk)
    assert not allowed and not allowed_again
    assert second == []  # kept: no read of membership or roles


def test_a_role_handed_out_counts_at_once(wijk, bob):
    assert not can(fresh(bob), "point.assist", wijk)
    RoleAssignment.objects.create(wijk=wijk, user=bob, role=POINT_HOST)
    assert can(fresh(bob), "point.assist", wijk)


def test_a_role_taken_away_counts_at_once(wijk, bob):
    RoleAssignment.objects.create(wijk=wijk, user=bob, role=POINT_HOST)
    assert can(fresh(bob), "point.assist", wijk)
    RoleAssignment.objects.in_wijk(wijk).filter(user=bob).delete()
    assert not can(fresh(bob), "point.assist", wijk)


def test_a_suspension_by_bulk_update_counts_at_once(wijk, bob):
    assert can(fresh(bob), "post.create", wijk)
    Membership.objects.in_wijk(wijk).filter(user=bob).update(status=Membership.Status.SUSPENDED)
    assert not can(fresh(bob), "post.create", wijk)


def test_roles_in_one_wijk_say_nothing_of_another(wijk, other_wijk, bob):
    RoleAssignment.objects.create(wijk=wijk, user=bob, role=POINT_HOST)
    assert can(fresh(bob), "point.assist", wijk)
    assert not can(fresh(bob), "point.assist", other_wijk)


def test_without_a_cache_roles_are_read_every_time(settings, wijk, bob):
    settings.PAGE_CACHE_SECONDS = 0
    roles_queries(bob, wijk)
    assert roles_queries(bob, wijk)[1]
    RoleAssignment.objects.create(wijk=wijk, user=bob, role=POINT_HOST)
    assert can(fresh(bob), "point.assist", wijk)


def test_membership_and_roles_are_read_in_one_query(wijk, other_wijk, bob):
    RoleAssignment.objects.create(wijk=wijk, user=bob, role=POINT_HOST)
    RoleAssignment.objects.create(wijk=other_wijk, user=bob, role=EDITOR)  # another wijk's role stays there
    person = fresh(bob)
    with CaptureQueriesContext(connection) as queries:
        membership = membership_held(person, wijk)
        roles = roles_held(person, wijk)
    assert membership.user_id == bob.pk and membership.wijk_id == wijk.pk
    assert roles == {RESIDENT, POINT_HOST}
    assert len(queries.captured_queries) == 1


def test_a_pending_member_has_a_membership_and_no_roles(wijk, bob):
    RoleAssignment.objects.create(wijk=wijk, user=bob, role=POINT_HOST)
    Membership.objects.in_wijk(wijk).filter(user=bob).update(status=Membership.Status.PENDING)
    assert membership_held(fresh(bob), wijk).status == Membership.Status.PENDING
    assert roles_held(fresh(bob), wijk) == set()


def test_a_stranger_has_no_membership_and_no_roles(wijk, stranger):
    assert membership_held(fresh(stranger), wijk) is None
    assert roles_held(fresh(stranger), wijk) == set()
