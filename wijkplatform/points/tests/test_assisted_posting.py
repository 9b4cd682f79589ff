import pytest
from django.urls import reverse

from wijkplatform.core.testing.factories import member
from wijkplatform.points.models import AssistedAction, Consent
from wijkplatform.points.tests.factories import assist_url, consent

pytestmark = pytest.mark.django_db


def posts(wijk):
    from wijkplatform.community.models import Post

    return Post.objects.in_wijk(wijk)


def test_host_records_consent_and_posts_for_the_resident(client, wijk, point, host, alice):
    client.force_login(host)
    response = client.post(
        assist_url(wijk, point),
        {
            "action": "consent",
            "resident": alice.pk,
            "scope": "all",
            "note": "Signed the paper form",
            "confirm": "on",
        },
    )
    assert response.status_code == 302
    assert Consent.objects.in_wijk(wijk).filter(resident=alice, host=host, withdrawn_at__isnull=True).exists()
    response = client.post(
        assist_url(wijk, point),
        {"action": "post", "resident": alice.pk, "kind": "message", "text": "Wie heeft mijn kat gezien?"},
    )
    assert response.status_code == 302
    post = posts(wijk).get()
    assert post.author == alice and post.placed_by == host
    if hasattr(post, "via_point_id"):
        assert post.via_point_id == point.pk
    action = AssistedAction.objects.in_wijk(wijk).get()
    assert action.resident_id == alice.pk and action.point_id == point.pk
    assert "Wie heeft mijn kat gezien?" in client.get(assist_url(wijk, point)).content.decode()
    feed = client.get(reverse("community:feed", kwargs={"wijk_slug": wijk.slug})).content.decode()
    assert "Wie heeft mijn kat gezien?" in feed and "placed via Huis van de Wijk" in feed


def test_without_consent_it_is_403_and_nothing_is_posted(client, wijk, point, host, alice):
    client.force_login(host)
    response = client.post(
        assist_url(wijk, point),
        {"action": "post", "resident": alice.pk, "kind": "message", "text": "Zonder toestemming"},
    )
    assert response.status_code == 403
    assert "has not given consent" in response.content.decode()
    assert not posts(wijk).exists()


def test_withdrawn_or_narrow_consent_does_not_cover(client, wijk, point, host, alice, bob):
    given = consent(point, alice, host, scope="rsvp")
    client.force_login(host)
    data = {"action": "post", "resident": alice.pk, "kind": "message", "text": "Alleen RSVP"}
    assert client.post(assist_url(wijk, point), data).status_code == 403
    given.scope = "all"
    given.save()
    withdraw = client.post(assist_url(wijk, point), {"action": "withdraw", "pk": given.pk})
    assert withdraw.status_code == 302
    assert client.post(assist_url(wijk, point), data).status_code == 403
    assert not posts(wijk).exists()


def test_reply_and_rsvp_on_behalf(client, wijk, point, host, alice, bob):
    from wijkplatform.community.tests.factories import PostFactory
    from wijkplatform.events.models import RSVP
    from wijkplatform.events.tests.factories import make_event

    consent(point, alice, host)
    post = PostFactory(wijk=wijk, author=bob, text="Wie komt er helpen?")
    event = make_event(wijk, bob, title="Opruimdag")
    client.force_login(host)
    response = client.post(
        assist_url(wijk, point),
        {"action": "comment", "resident": alice.pk, "post": post.pk, "text": "Ik kom!"},
    )
    assert response.status_code == 302
    comment = post.comments.model.objects.in_wijk(wijk).get(post=post)
    assert comment.author == alice and comment.placed_by == host
    response = client.post(
        assist_url(wijk, point),
        {"action": "rsvp", "resident": alice.pk, "event": event.pk, "status": "going"},
    )
    assert response.status_code == 302
    rsvp = RSVP.objects.in_wijk(wijk).get(user=alice)
    assert rsvp.placed_by == host and rsvp.status == "going"


def test_only_hosts_of_this_point_use_its_desk(client, wijk, point, alice, bob):
    other_host = member(wijk, "point_host")  # a host, but of no Point here
    consent(point, alice, other_host)
    client.force_login(other_host)
    assert client.get(assist_url(wijk, point)).status_code == 403
    client.force_login(bob)
    response = client.post(
        assist_url(wijk, point), {"action": "post", "resident": alice.pk, "kind": "message", "text": "x"}
    )
    assert response.status_code == 403
    assert not posts(wijk).exists()


def test_consent_for_a_person_of_another_wijk_is_refused(client, wijk, point, host, charlie):
    client.force_login(host)
    response = client.post(
        assist_url(wijk, point),
        {"action": "consent", "resident": charlie.pk, "scope": "all", "confirm": "on"},
    )
    assert response.status_code == 400
    assert not Consent.objects.in_wijk(wijk).exists()
