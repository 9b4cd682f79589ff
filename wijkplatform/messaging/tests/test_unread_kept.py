"""The number of unread messages on the wijk home is kept between pages, and is right at once when a message
arrives or is read."""

import pytest
from django.urls import reverse

from wijkplatform.core.testing.clients import logged_in
from wijkplatform.messaging.services import conversation_start, message_send

pytestmark = pytest.mark.django_db


def home(browser, wijk):
    return browser.get(reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})).content.decode()


def test_the_count_is_kept_between_pages(wijk, alice, bob, django_assert_max_num_queries):
    conversation_start(wijk=wijk, recipients=[alice], text="Hoi Alice", by=bob)
    as_alice = logged_in(alice)
    assert "1 unread message" in home(as_alice, wijk)  # the first look at a wijk sets up its guidelines
    assert "1 unread message" in home(as_alice, wijk)
    with django_assert_max_num_queries(4) as queries:
        assert "1 unread message" in home(as_alice, wijk)
    assert not [query for query in queries.captured_queries if "messaging_message" in query["sql"]]


def test_a_new_message_and_reading_it_show_at_once(wijk, alice, bob):
    as_alice = logged_in(alice)
    assert "unread message" not in home(as_alice, wijk)
    conversation = conversation_start(wijk=wijk, recipients=[alice], text="Hoi Alice", by=bob)
    message_send(wijk=wijk, conversation=conversation, text="Ben je er?", by=bob)
    assert "2 unread messages" in home(as_alice, wijk)
    as_bob = logged_in(bob)
    assert "unread message" not in home(as_bob, wijk)  # his own messages are not unread for him

    as_alice.get(reverse("messaging:conversation", kwargs={"wijk_slug": wijk.slug, "pk": conversation.pk}))
    assert "unread message" not in home(as_alice, wijk)
    message_send(wijk=wijk, conversation=conversation, text="Fijn!", by=alice)
    assert "1 unread message" in home(as_bob, wijk)
