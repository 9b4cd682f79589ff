"""A reply or RSVP a host places for a resident names the Point, like an assisted post does."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wijkplatform.community.models import Comment
from wijkplatform.community.tests.factories import CommentFactory, PostFactory
from wijkplatform.core.pagecache import wijks_changed
from wijkplatform.core.testing.factories import member
from wijkplatform.events import services as event_services
from wijkplatform.events.models import RSVP
from wijkplatform.events.tests.factories import first_date, make_event
from wijkplatform.notifications.selectors import forget_unread_counts
from wijkplatform.points import services
from wijkplatform.points.tests.factories import PointFactory, assist_url, consent

pytestmark = pytest.mark.django_db


def point_link(wijk, point):
    url = reverse("points:detail", kwargs={"wijk_slug": wijk.slug, "slug": point.slug})
    return f'<a href="{url}">placed via {point.name}</a>'


def test_an_assisted_reply_stores_and_shows_the_point(client, wijk, point, host, alice, bob):
    consent(point, alice, host)
    post = PostFactory(wijk=wijk, author=bob, text="Wie komt er helpen?")
    CommentFactory(wijk=wijk, post=post, author=bob, text="Ik zelf natuurlijk")
    client.force_login(host)
    response = client.post(
        assist_url(wijk, point), {"action": "comment", "resident": alice.pk, "post": post.pk, "text": "Ik kom!"}
    )
    assert response.status_code == 302
    comment = Comment.objects.in_wijk(wijk).get(post=post, author=alice)
    assert comment.placed_by == host and comment.via_point_id == point.pk
    client.force_login(bob)
    page = client.get(post.get_absolute_url()).content.decode()
    mine = page.split(f'id="comment-{comment.pk}"', 1)[1].split("</article>", 1)[0]
    assert "Ik kom!" in mine and point_link(wijk, point) in mine
    # Bob's own comment was not placed by anyone: it names no Point.
    assert page.count("placed via Huis van de Wijk") == 1


def test_an_assisted_rsvp_stores_the_point_and_the_resident_and_organiser_see_it(client, wijk, point, host, alice, bob):
    consent(point, alice, host)
    event = make_event(wijk, bob, title="Opruimdag")
    client.force_login(host)
    response = client.post(
        assist_url(wijk, point), {"action": "rsvp", "resident": alice.pk, "event": event.pk, "status": "going"}
    )
    assert response.status_code == 302
    rsvp = RSVP.objects.in_wijk(wijk).get(user=alice)
    assert rsvp.placed_by == host and rsvp.via_point_id == point.pk and rsvp.status == "going"

    client.force_login(alice)
    own = client.get(event.get_absolute_url()).content.decode()
    assert "Your answer: Going." in own and point_link(wijk, point) in own

    client.force_login(bob)  # the organiser
    date = first_date(event)
    attendees = client.get(reverse("events:attendees", kwargs={"wijk_slug": wijk.slug, "pk": date.pk}))
    row = attendees.content.decode().split("<td>Alice", 1)[1].split("</tr>", 1)[0]
    assert point_link(wijk, point) in row
    # Other members do not see who placed Alice's answer: the event page shows only counts to them.
    assert point_link(wijk, point) not in client.get(event.get_absolute_url()).content.decode()


def test_a_member_answering_themselves_clears_the_point(client, wijk, point, host, alice, bob):
    consent(point, alice, host)
    event = make_event(wijk, bob)
    services.assisted_rsvp(wijk=wijk, point=point, resident=alice, event=event, status="going", by=host)
    client.force_login(alice)
    date = first_date(event)
    client.post(reverse("events:rsvp", kwargs={"wijk_slug": wijk.slug, "pk": date.pk}), {"status": "maybe"})
    rsvp = RSVP.objects.in_wijk(wijk).get(user=alice)
    assert rsvp.status == "maybe" and rsvp.via_point_id is None and rsvp.placed_by is None
    assert "placed via" not in client.get(event.get_absolute_url()).content.decode()


def test_a_point_of_another_wijk_is_refused(wijk, other_wijk, alice, bob):
    host = member(wijk, "point_host")
    elsewhere = PointFactory(wijk=other_wijk)
    post = PostFactory(wijk=wijk, author=bob)
    from wijkplatform.community.services import comment_create

    with pytest.raises(ValidationError):
        comment_create(wijk=wijk, post=post, author=alice, text="Hoi", placed_by=host, via_point=elsewhere)
    with pytest.raises(ValidationError):
        event_services.rsvp_set(
            wijk=wijk, event=make_event(wijk, bob), user=alice, status="going", placed_by=host, via_point=elsewhere
        )
    assert not Comment.objects.in_wijk(wijk).exists()
    assert not RSVP.objects.in_wijk(wijk).exists()


def test_the_post_page_does_not_query_per_assisted_comment(
    client, wijk, point, host, alice, bob, django_assert_max_num_queries
):
    consent(point, alice, host)
    post = PostFactory(wijk=wijk, author=bob)
    services.assisted_comment(wijk=wijk, point=point, resident=alice, post=post, text="Eén", by=host)
    client.force_login(bob)
    client.get(post.get_absolute_url())  # warm the caches (wijk, capabilities)
    # Both measured pages read afresh what is kept per wijk version (roles) and Bob's bell (the comments
    # below notify him).
    wijks_changed({wijk.pk})
    forget_unread_counts(wijk=wijk, user_ids=[bob.pk])
    with django_assert_max_num_queries(40) as one:
        client.get(post.get_absolute_url())
    for n in range(8):
        services.assisted_comment(wijk=wijk, point=point, resident=alice, post=post, text=f"Nog {n}", by=host)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(post.get_absolute_url()).content.decode()
    assert page.count("placed via Huis van de Wijk") == 9
