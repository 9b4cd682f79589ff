from django.urls import reverse

from wijkplatform.core.capabilities import can
from wijkplatform.core.testing.factories import member
from wijkplatform.wijken.models import RoleAssignment


def roles_url(wijk, user):
    return reverse("wijken:member_roles", kwargs={"wijk_slug": wijk.slug, "user_id": user.pk})


def held(wijk, user):
    return set(RoleAssignment.objects.in_wijk(wijk).filter(user=user).values_list("role", flat=True))


def test_coordinator_sees_members_with_their_roles(client, wijk, coordinator, alice, django_assert_max_num_queries):
    for n in range(20):
        member(wijk, "reporter", display_name=f"Reporter {n}")
    client.force_login(coordinator)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("wijken:members", kwargs={"wijk_slug": wijk.slug}))
    page = response.content.decode()
    assert "Alice" in page and "Reporter 19" in page and "Wijkreporter" in page


def test_coordinator_gives_and_takes_roles(client, wijk, coordinator, alice):
    client.force_login(coordinator)
    response = client.post(roles_url(wijk, alice), {"roles": ["reporter", "tech_helper"]})
    assert response.status_code == 302
    assert held(wijk, alice) == {"reporter", "tech_helper"}
    assert can(alice, "story.write", wijk)

    client.post(roles_url(wijk, alice), {"roles": ["tech_helper"]})
    assert held(wijk, alice) == {"tech_helper"}
    alice.__dict__.pop("_wijk_roles", None)
    assert not can(alice, "story.write", wijk)


def test_role_change_without_the_capability_is_403_and_changes_nothing(client, wijk, alice, bob):
    client.force_login(bob)
    assert client.post(roles_url(wijk, alice), {"roles": ["coordinator"]}).status_code == 403
    assert held(wijk, alice) == set()


def test_unknown_role_is_refused_with_a_message(client, wijk, coordinator, alice):
    client.force_login(coordinator)
    response = client.post(roles_url(wijk, alice), {"roles": ["king"]})
    assert response.status_code == 400
    assert "is not one of the available choices" in response.content.decode()
    assert held(wijk, alice) == set()


def test_coordinator_cannot_take_away_their_own_coordinator_role(client, wijk, coordinator):
    client.force_login(coordinator)
    response = client.post(roles_url(wijk, coordinator), {"roles": []})
    assert response.status_code == 400
    assert "own coordinator role" in response.content.decode()
    assert held(wijk, coordinator) == {"coordinator"}


def test_coordinator_of_another_wijk_gets_404_for_our_members(client, wijk, other_wijk, alice):
    other_coordinator = member(other_wijk, "coordinator")
    client.force_login(other_coordinator)
    response = client.post(
        reverse("wijken:member_roles", kwargs={"wijk_slug": other_wijk.slug, "user_id": alice.pk}),
        {"roles": ["editor"]},
    )
    assert response.status_code == 404
    assert client.get(reverse("wijken:members", kwargs={"wijk_slug": wijk.slug})).status_code == 403
    assert held(wijk, alice) == set()
