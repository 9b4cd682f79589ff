"""The bell's unread count is kept between pages, and is right at once when a notification arrives or is read."""

import re

import pytest
from django.urls import reverse

from wijkplatform.notifications.models import Notification
from wijkplatform.notifications.services import notify

pytestmark = pytest.mark.django_db


def bell(client, wijk):
    page = client.get(reverse("community:feed", kwargs={"wijk_slug": wijk.slug}), HTTP_ACCEPT_LANGUAGE="en")
    found = re.search(r"\((\d+) unread\)", page.content.decode())
    return int(found.group(1)) if found else 0


def counts_read(queries):
    return [query for query in queries if "COUNT" in query["sql"] and "notifications_notification" in query["sql"]]


def test_the_count_is_read_once_and_then_kept(client, wijk, alice, django_assert_max_num_queries):
    notify(wijk=wijk, recipients=[alice], kind="reply", title="Een reactie", url="/")
    client.force_login(alice)
    assert bell(client, wijk) == 1
    with django_assert_max_num_queries(10) as queries:
        assert bell(client, wijk) == 1
    assert counts_read(queries.captured_queries) == []


def test_a_new_notification_shows_at_once(client, wijk, alice, bob):
    client.force_login(alice)
    assert bell(client, wijk) == 0
    notify(wijk=wijk, recipients=[alice, bob], kind="reply", title="Een reactie", url="/")
    assert bell(client, wijk) == 1


def test_reading_one_and_reading_all_show_at_once(client, wijk, alice):
    first, *_ = notify(wijk=wijk, recipients=[alice], kind="reply", title="Een", url="/")
    notify(wijk=wijk, recipients=[alice], kind="reply", title="Twee", url="/")
    notify(wijk=wijk, recipients=[alice], kind="reply", title="Drie", url="/")
    client.force_login(alice)
    assert bell(client, wijk) == 3
    client.post(reverse("notifications:mark_read", kwargs={"wijk_slug": wijk.slug, "pk": first.pk}))
    assert bell(client, wijk) == 2
    client.post(reverse("notifications:mark_all_read", kwargs={"wijk_slug": wijk.slug}))
    assert bell(client, wijk) == 0
    assert not Notification.objects.in_wijk(wijk).filter(recipient=alice, read_at__isnull=True).exists()


def test_each_person_has_their_own_count(client, wijk, alice, bob):
    notify(wijk=wijk, recipients=[alice], kind="reply", title="Voor Alice", url="/")
    client.force_login(alice)
    assert bell(client, wijk) == 1
    client.force_login(bob)
    assert bell(client, wijk) == 0
