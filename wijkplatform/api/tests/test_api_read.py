"""Anyone reads what a wijk publishes; members read members-only posts with their token."""

from django.urls import reverse

from wijkplatform.community.tests.factories import CommentFactory, PostFactory
from wijkplatform.events.tests.factories import make_event

from .conftest import bearer


def test_wijken_and_one_wijk(client, wijk, other_wijk):
    body = client.get("/api/v1/wijken").json()
    assert {w["slug"] for w in body["items"]} == {"oude-noorden", "harlem"}
    assert client.get("/api/v1/wijken/oude-noorden").json()["time_zone"] == "Europe/Amsterdam"


def test_posts_with_cursor_pagination(client, wijk, alice, django_assert_max_num_queries):
    for n in range(25):
        PostFactory(wijk=wijk, author=alice, text=f"Bericht {n}")
    with django_assert_max_num_queries(6):
        first = client.get("/api/v1/wijken/oude-noorden/posts?limit=10").json()
    assert [p["text"] for p in first["items"]][:2] == ["Bericht 24", "Bericht 23"]
    second = client.get(f"/api/v1/wijken/oude-noorden/posts?limit=10&cursor={first['next_cursor']}").json()
    third = client.get(f"/api/v1/wijken/oude-noorden/posts?limit=10&cursor={second['next_cursor']}").json()
    texts = [p["text"] for page in (first, second, third) for p in page["items"]]
    assert len(texts) == 25 == len(set(texts)) and third["next_cursor"] is None


def test_filters_by_kind_and_since(client, wijk, alice):
    PostFactory(wijk=wijk, author=alice, kind="thanks", text="Dank aan de buren")
    PostFactory(wijk=wijk, author=alice, kind="tip", text="Tip: de markt")
    body = client.get("/api/v1/wijken/oude-noorden/posts?kind=thanks").json()
    assert [p["text"] for p in body["items"]] == ["Dank aan de buren"]
    assert client.get("/api/v1/wijken/oude-noorden/posts?since=2999-01-01T00:00:00Z").json()["items"] == []


def test_members_only_posts_need_a_member_s_token(client, wijk, alice, read_token, charlie):
    PostFactory(wijk=wijk, author=alice, audience="members", text="Alleen voor buren")
    assert client.get("/api/v1/wijken/oude-noorden/posts").json()["items"] == []
    body = client.get("/api/v1/wijken/oude-noorden/posts", **bearer(read_token)).json()
    assert [p["text"] for p in body["items"]] == ["Alleen voor buren"]


def test_comments_events_points_partners_and_courses(client, wijk, alice, coordinator):
    post = PostFactory(wijk=wijk, author=alice, text="Wie heeft een ladder?")
    CommentFactory(wijk=wijk, post=post, author=coordinator, text="Ik!")
    assert client.get(f"/api/v1/wijken/oude-noorden/posts/{post.pk}/comments").json()["items"][0]["text"] == "Ik!"
    make_event(wijk, coordinator, title="Buurtborrel")
    events = client.get("/api/v1/wijken/oude-noorden/events").json()
    assert events["items"][0]["title"] == "Buurtborrel"
    assert events["items"][0]["url"].endswith(reverse("events:detail", kwargs={"wijk_slug": wijk.slug,
                                                                             "pk": events["items"][0]["event_id"]}))
    for path in ("points", "partners", "stories"):
        assert client.get(f"/api/v1/wijken/oude-noorden/{path}").status_code == 200
    assert client.get("/api/v1/academy/courses").status_code == 200


def test_an_object_of_one_wijk_under_another_is_a_404(client, wijk, other_wijk, alice):
    post = PostFactory(wijk=wijk, author=alice)
    response = client.get(f"/api/v1/wijken/harlem/posts/{post.pk}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert client.get(f"/api/v1/wijken/harlem/posts/{post.pk}/comments").status_code == 404


def test_members_only_wijk_is_a_404_for_outsiders(client, wijk, read_token):
    wijk.visibility = "members"
    wijk.save()
    assert client.get("/api/v1/wijken/oude-noorden").status_code == 404
    assert client.get("/api/v1/wijken/oude-noorden", **bearer(read_token)).status_code == 200
    assert "oude-noorden" not in client.get("/api/v1/wijken").content.decode()


def test_docs_and_schema_come_from_our_own_files(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.") and "/api/v1/wijken/{slug}/posts" in schema["paths"]
    docs = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
