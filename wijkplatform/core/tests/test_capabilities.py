"""Every role against every capability: the table in core/capabilities.py is the single source of truth."""

import pytest

from wijkplatform.core.capabilities import CAPABILITIES, ROLES, can
from wijkplatform.core.testing.factories import member


@pytest.fixture
def people(wijk):
    return {role: member(wijk, role) for role in ROLES}


def test_every_role_against_every_capability(wijk, people):
    for role, person in people.items():
        for capability, roles in CAPABILITIES.items():
            assert can(person, capability, wijk) is (role in roles), (role, capability)


def test_member_of_another_wijk_holds_no_capability_here(wijk, charlie):
    assert not any(can(charlie, capability, wijk) for capability in CAPABILITIES)


def test_visitor_and_stranger_hold_no_capability(wijk, stranger):
    from django.contrib.auth.models import AnonymousUser

    for person in (AnonymousUser(), stranger):
        assert not any(can(person, capability, wijk) for capability in CAPABILITIES)


def test_platform_staff_with_two_factor_hold_every_capability(wijk, staff):
    assert all(can(staff, capability, wijk) for capability in CAPABILITIES)


def test_unknown_capability_is_a_programming_error(wijk, alice):
    with pytest.raises(KeyError):
        can(alice, "post.dislike", wijk)


def test_roles_are_read_once_per_request(wijk, alice, django_assert_num_queries):
    can(alice, "post.create", wijk)
    with django_assert_num_queries(0):
        for capability in CAPABILITIES:
            can(alice, capability, wijk)
