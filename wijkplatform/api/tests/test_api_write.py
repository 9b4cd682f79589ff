"""Writing with a personal access token or the browser session: post, comment, like, RSVP."""

import json

from wijkplatform.community.models import Comment, Like, Post
from wijkplatform.community.tests.factories import PostFactory
from wijkplatform.events.models import RSVP
from wijkplatform.events.tests.factories import make_event

from .conftest import bearer


def post_json(client, url, data, **extra):
    return client.post(url, json.dumps(data), content_type="application/json", **extra)


def put_json(client, url, data, **extra):
    return client.put(url, json.dumps(data), content_type="application/json", **extra)


def test_member_posts_comments_and_likes_with_a_token(client, wijk, alice, bob, write_token):
    response = post_json(client, "/api/v1/wijken/oude-noorden/posts",
                         {"kind": "request", "text": "Wie kan zaterdag helpen verhuizen?"}, **bearer(write_token))
    assert response.status_code == 201
    post = Post.objects.in_wijk(wijk).get()
    assert post.author == alice and post.kind == "request" and response.json()["id"] == post.pk

    response = post_json(client, f"/api/v1/wijken/oude-noorden/posts/{post.pk}/comments", {"text": "Ik help mee"},
                         **bearer(write_token))
    assert response.status_code == 201 and Comment.objects.in_wijk(wijk).filter(post=post).count() == 1

    response = put_json(client, f"/api/v1/wijken/oude-noorden/posts/{post.pk}/like", {"on": True},
                        **bearer(write_token))
    assert response.json() == {"liked": True, "like_count": 1}
    put_json(client, f"/api/v1/wijken/oude-noorden/posts/{post.pk}/like", {"on": True}, **bearer(write_token))
    assert Like.objects.in_wijk(wijk).count() == 1  # one like per person


def test_member_rsvps_with_a_token(client, wijk, alice, coordinator, write_token):
    event = make_event(wijk, coordinator)
    response = put_json(client, f"/api/v1/wijken/oude-noorden/events/{event.pk}/rsvp", {"status": "going"},
                        **bearer(write_token))
    assert response.json() == {"status": "going", "waiting": False}
    assert RSVP.objects.in_wijk(wijk).get(user=alice).status == "going"


def test_read_token_cannot_write(client, wijk, read_token):
    response = post_json(client, "/api/v1/wijken/oude-noorden/posts", {"text": "Hallo"}, **bearer(read_token))
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    assert "write scope" in response.json()["detail"]
    assert not Post.objects.in_wijk(wijk).exists()


def test_revoked_or_unknown_token_is_401(client, wijk, alice, write_token):
    from wijkplatform.accounts.models import AccessToken
    from wijkplatform.accounts.tokens import token_revoke

    token_revoke(user=alice, pk=AccessToken.objects.get(user=alice).pk)
    for token in (write_token, "wijk_made-up", "garbage"):
        response = post_json(client, "/api/v1/wijken/oude-noorden/posts", {"text": "Hallo"}, **bearer(token))
        assert response.status_code == 401 and response.json()["status"] == 401
    assert client.get("/api/v1/wijken/oude-noorden/posts", **bearer(write_token)).status_code == 401
    assert not Post.objects.in_wijk(wijk).exists()


def test_writing_needs_an_account(client, wijk):
    assert post_json(client, "/api/v1/wijken/oude-noorden/posts", {"text": "Hallo"}).status_code == 401


def test_a_member_of_another_wijk_cannot_write_here(client, wijk, other_wijk, charlie):
    from wijkplatform.accounts.tokens import token_create

    token = token_create(user=charlie, name="x", scope="write")[1]
    response = post_json(client, "/api/v1/wijken/oude-noorden/posts", {"text": "Hallo"}, **bearer(token))
    assert response.status_code == 403
    assert not Post.objects.in_wijk(wijk).exists()


def test_browser_session_writes_with_csrf(client, wijk, alice):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    response = post_json(strict, "/api/v1/wijken/oude-noorden/posts", {"text": "Via de site"})
    assert response.status_code in (401, 403)
    strict.get("/")  # sets the CSRF cookie
    token = strict.cookies["csrftoken"].value
    response = post_json(strict, "/api/v1/wijken/oude-noorden/posts", {"text": "Via de site"},
                         HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


def test_bad_input_gets_a_problem_document_and_changes_nothing(client, wijk, alice, write_token, settings):
    url = "/api/v1/wijken/oude-noorden/posts"
    cases = [
        ("{not json", 400),
        (json.dumps({"text": 42}), 422),
        (json.dumps({"text": ""}), 422),
        (json.dumps({"text": "Hoi", "kind": "dislike"}), 422),
        (json.dumps({"text": "Hoi", "colour": "red"}), 422),  # unknown field
        (json.dumps({"text": "x" * 6000}), 422),
    ]
    for body, status in cases:
        response = client.post(url, body, content_type="application/json", **bearer(write_token))
        assert response.status_code == status, body[:40]
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["detail"]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(url, json.dumps({"text": "y" * 2000}), content_type="application/json",
                           **bearer(write_token))
    assert response.status_code == 413
    assert not Post.objects.in_wijk(wijk).exists()


def test_liking_a_post_of_another_wijk_is_a_404(client, wijk, other_wijk, alice, write_token):
    post = PostFactory(wijk=other_wijk, author=alice)
    response = put_json(client, f"/api/v1/wijken/oude-noorden/posts/{post.pk}/like", {"on": True},
                        **bearer(write_token))
    assert response.status_code == 404
    assert not Like.objects.in_wijk(other_wijk).exists()


def test_member_opens_a_help_ticket(client, wijk, alice, write_token):
    from wijkplatform.helpdesk.models import Ticket

    response = post_json(client, "/api/v1/wijken/oude-noorden/help",
                         {"category": "phone", "question": "Hoe zet ik de app op mijn telefoon?"}, **bearer(write_token))
    assert response.status_code == 201
    ticket = Ticket.objects.in_wijk(wijk).get()
    assert ticket.asker == alice and ticket.category == "phone" and response.json()["id"] == ticket.pk
    response = post_json(client, "/api/v1/wijken/oude-noorden/help", {"category": "weather", "question": "?"},
                         **bearer(write_token))
    assert response.status_code == 422
