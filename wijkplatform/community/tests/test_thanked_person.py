"""A thank-you names the neighbour it thanks: chosen among the wijk's members, shown as "Thanks to <name>"."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wijkplatform.community import services
from wijkplatform.community.models import Post
from wijkplatform.community.tests.factories import PostFactory
from wijkplatform.messaging.models import Block
from wijkplatform.notifications.models import Notification

from .helpers import url

pytestmark = pytest.mark.django_db


def thanks_form(**overrides):
    data = {
        "kind": "thanks",
        "text": "Dank je wel voor het maaien van het grasveld!",
        "category": "neighbours",
        "audience": "public",
    }
    data.update(overrides)
    return data


def person_link(wijk, user):
    return reverse("wijken:person", kwargs={"wijk_slug": wijk.slug, "user_id": user.pk})


def test_a_member_thanks_a_neighbour_by_name(client, wijk, alice, bob, charlie):
    client.force_login(alice)
    form = client.get(url("post_create", wijk) + "?kind=thanks").content.decode()
    assert '<label for="id_thanked">Who do you thank?</label>' in form
    select = form.split('name="thanked"', 1)[1].split("</select>", 1)[0]
    assert f'<option value="{bob.pk}">Bob</option>' in select
    assert "Charlie" not in select and f'value="{alice.pk}"' not in select  # not of this wijk; not oneself

    response = client.post(url("post_create", wijk), thanks_form(thanked=bob.pk))
    post = Post.objects.in_wijk(wijk).get()
    assert response.status_code == 302
    assert post.thanked_id == bob.pk and post.kind == "thanks"
    shown = f'Thanks to <a href="{person_link(wijk, bob)}">Bob</a>'
    assert shown in client.get(post.get_absolute_url()).content.decode()
    assert shown in client.get(url("feed", wijk)).content.decode()
    client.logout()
    assert shown in client.get(post.get_absolute_url()).content.decode()  # a public post, for visitors too
    note = Notification.objects.in_wijk(wijk).get(recipient=bob, kind="thanked")
    assert "Alice" in note.title and note.url == post.get_absolute_url()


def test_someone_of_another_wijk_cannot_be_thanked(client, wijk, alice, charlie):
    client.force_login(alice)
    response = client.post(url("post_create", wijk), thanks_form(thanked=charlie.pk))
    assert response.status_code == 400
    assert "You can only thank a member of this wijk" in response.content.decode()
    assert not Post.objects.in_wijk(wijk).exists()


def test_only_a_thank_you_names_a_person(client, wijk, alice, bob):
    client.force_login(alice)
    response = client.post(url("post_create", wijk), thanks_form(kind="message", thanked=bob.pk))
    assert response.status_code == 400
    assert "Only a thank-you names a person to thank." in response.content.decode()
    assert not Post.objects.in_wijk(wijk).exists()


def test_the_service_refuses_a_stranger_another_wijk_or_oneself(wijk, alice, charlie, stranger):
    for person, message in (
        (charlie, "Charlie is not a member of this wijk"),
        (stranger, "Sam is not a member of this wijk"),
        (alice, "You cannot thank yourself"),
    ):
        with pytest.raises(ValidationError) as error:
            services.post_create(wijk=wijk, author=alice, kind="thanks", text="Dank!", thanked=person)
        assert error.value.code == "thanked" and message in " ".join(error.value.messages)
    assert not Post.objects.in_wijk(wijk).exists()


def test_the_service_refuses_someone_who_blocked_the_author(wijk, alice, bob):
    Block.objects.create(blocker=bob, blocked=alice)
    with pytest.raises(ValidationError) as error:
        services.post_create(wijk=wijk, author=alice, kind="thanks", text="Dank!", thanked=bob)
    assert error.value.code == "thanked" and "You cannot name Bob in a thank-you." in error.value.messages
    assert not Notification.objects.in_wijk(wijk).filter(recipient=bob).exists()


def test_the_author_changes_or_drops_the_person_when_editing(client, wijk, alice, bob, coordinator):
    post = services.post_create(wijk=wijk, author=alice, kind="thanks", text="Dank!", thanked=bob)
    client.force_login(alice)
    edit = url("post_edit", wijk, pk=post.pk)
    page = client.get(edit).content.decode()
    assert f'<option value="{bob.pk}" selected>Bob</option>' in page
    data = thanks_form(text="Dank, Cora!", thanked=coordinator.pk)
    assert client.post(edit, data).status_code == 302
    assert Post.objects.in_wijk(wijk).get().thanked_id == coordinator.pk
    assert client.post(edit, thanks_form(thanked=999_999)).status_code == 400
    assert client.post(edit, thanks_form(kind="message", thanked="")).status_code == 302
    stored = Post.objects.in_wijk(wijk).get()
    assert stored.kind == "message" and stored.thanked_id is None
    assert "Thanks to" not in client.get(post.get_absolute_url()).content.decode()


def test_the_feed_does_not_query_per_thanked_person(client, wijk, alice, bob, django_assert_max_num_queries):
    from wijkplatform.core.pagecache import wijks_changed
    from wijkplatform.core.testing.factories import member

    PostFactory(wijk=wijk, author=alice, kind="thanks", thanked=bob)
    client.force_login(bob)
    client.get(url("feed", wijk))
    wijks_changed({wijk.pk})  # both measured pages render their cards afresh
    with django_assert_max_num_queries(40) as one:
        client.get(url("feed", wijk))
    for n in range(8):
        PostFactory(wijk=wijk, author=alice, kind="thanks", thanked=member(wijk, display_name=f"Buur {n}"))
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url("feed", wijk)).content.decode()
    assert page.count("Thanks to <a") == 9


def test_the_point_screen_says_whom_a_thank_you_thanks(client, wijk, alice, bob):
    from wijkplatform.points.tests.factories import PointFactory

    point = PointFactory(wijk=wijk, slug="huis")
    services.post_create(wijk=wijk, author=alice, kind="thanks", text="Dank voor de soep!", thanked=bob)
    screen = client.get(reverse("points:screen", kwargs={"wijk_slug": wijk.slug, "slug": point.slug}))
    assert "Alice thanks Bob" in screen.content.decode()
