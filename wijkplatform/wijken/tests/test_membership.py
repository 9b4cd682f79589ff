import pytest
from django.urls import reverse

from wijkplatform.core.capabilities import can
from wijkplatform.wijken.models import Membership, Wijk


def url(wijk, name, **kwargs):
    return reverse(f"wijken:{name}", kwargs={"wijk_slug": wijk.slug, **kwargs})


def test_visitor_sees_the_directory_and_a_wijk_home(client, wijk, other_wijk):
    response = client.get("/")
    assert "Oude Noorden" in response.content.decode() and "Harlem" in response.content.decode()
    response = client.get(url(wijk, "home"))
    assert response.status_code == 200
    assert "Oude Noorden" in response.content.decode()
    assert "--wijk-colour: #e4003a" in response.content.decode()


def test_member_joins_and_can_belong_to_several_wijken(client, wijk, other_wijk, stranger):
    client.force_login(stranger)
    assert client.post(url(wijk, "join")).status_code == 302
    assert client.post(url(other_wijk, "join")).status_code == 302
    assert Membership.objects.in_wijk(wijk).filter(user=stranger, status="active").exists()
    assert Membership.objects.in_wijk(other_wijk).filter(user=stranger, status="active").exists()
    assert can(stranger, "post.create", wijk)
    assert "Your wijken" in client.get("/").content.decode()


def test_joining_twice_keeps_one_membership(client, wijk, alice):
    client.force_login(alice)
    client.post(url(wijk, "join"))
    assert Membership.objects.in_wijk(wijk).filter(user=alice).count() == 1


def test_approval_wijk_puts_a_new_member_on_hold_until_a_coordinator_approves(client, wijk, stranger, coordinator):
    wijk.join_policy = Wijk.JoinPolicy.APPROVAL
    wijk.save()
    client.force_login(stranger)
    client.post(url(wijk, "join"))
    assert not can(stranger, "post.create", wijk)

    client.force_login(coordinator)
    assert "Waiting to join" in client.get(url(wijk, "members")).content.decode()
    client.post(url(wijk, "member_approve", user_id=stranger.pk))
    stranger.__dict__.pop("_wijk_roles", None)
    assert can(stranger, "post.create", wijk)


def test_invite_wijk_needs_the_code(client, wijk, stranger):
    wijk.join_policy = Wijk.JoinPolicy.INVITE
    wijk.invite_code = "zwaan-2026"
    wijk.save()
    client.force_login(stranger)
    response = client.post(url(wijk, "join"), {"invite_code": "wrong"}, follow=True)
    assert "valid invitation code" in response.content.decode()
    assert not Membership.objects.in_wijk(wijk).filter(user=stranger).exists()
    client.post(url(wijk, "join"), {"invite_code": "zwaan-2026"})
    assert Membership.objects.in_wijk(wijk).filter(user=stranger).exists()


def test_joining_needs_an_account(client, wijk):
    response = client.post(url(wijk, "join"))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_member_leaves(client, wijk, alice):
    client.force_login(alice)
    client.post(url(wijk, "leave"))
    assert not Membership.objects.in_wijk(wijk).filter(user=alice).exists()


def test_members_only_wijk_shows_visitors_only_its_home(client, wijk, alice):
    wijk.visibility = Wijk.Visibility.MEMBERS
    wijk.save()
    person_url = url(wijk, "person", user_id=alice.pk)
    response = client.get(person_url)
    assert response.status_code == 302 and response.url == url(wijk, "home")
    assert client.get(url(wijk, "home")).status_code == 200
    client.force_login(alice)
    assert client.get(person_url).status_code == 200


@pytest.mark.parametrize("slug", ["no-such-wijk", "start-a-wijk"])
def test_unknown_wijk_is_a_404(client, db, slug):
    assert client.get(f"/{slug}/").status_code == 404


def test_inactive_wijk_is_a_404(client, wijk):
    wijk.is_active = False
    wijk.save()
    assert client.get(url(wijk, "home")).status_code == 404
