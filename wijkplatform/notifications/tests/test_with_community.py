"""End to end with the community app, when it is installed: a post is searchable, a reply notifies and
mails its author, and the post shows up in the digest."""

import pytest
from django.core import mail

from wijkplatform.notifications.digests import digests_send
from wijkplatform.notifications.models import Notification, OutboxMessage
from wijkplatform.notifications.services import outbox_send_pending
from wijkplatform.search.backends import get_backend

community = pytest.importorskip("wijkplatform.community.services")


@pytest.mark.django_db
def test_post_reply_search_and_digest(wijk, alice, bob, django_capture_on_commit_callbacks):
    if not hasattr(community, "post_create") or not hasattr(community, "comment_create"):
        pytest.skip("community services not there yet")
    with django_capture_on_commit_callbacks(execute=True):
        post = community.post_create(
            wijk=wijk, author=bob, kind="question", text="Wie kan mijn fiets repareren bij het café?"
        )
    hits = get_backend().search(wijk=wijk, query="cafe fietsen", members=True).hits
    assert [hit.url for hit in hits] == [post.get_absolute_url()]

    with django_capture_on_commit_callbacks(execute=True):
        community.comment_create(wijk=wijk, post=post, author=alice, text="Ik kom morgen langs!")
    assert Notification.objects.in_wijk(wijk).filter(recipient=bob, kind="reply").exists()
    outbox_send_pending()
    assert any(email.to == [bob.email] for email in mail.outbox)
    assert OutboxMessage.objects.in_wijk(wijk).filter(to_email=bob.email, status="sent").exists()

    mail.outbox.clear()
    digests_send(period="weekly")
    outbox_send_pending()
    digest = next(email for email in mail.outbox if email.to == [alice.email])
    assert "Wie kan mijn fiets repareren" in digest.body
