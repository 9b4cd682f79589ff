"""Search index, photo variants with the broker down, and the rate limit."""

import pytest

from wijkplatform.community import services
from wijkplatform.community.models import Post, PostPhoto
from wijkplatform.search.models import SearchDocument

from .helpers import image_upload, url

pytestmark = pytest.mark.django_db


def documents(wijk):
    return {(d.kind, d.public): d for d in SearchDocument.objects.in_wijk(wijk)}


def test_posts_and_comments_are_indexed_edited_and_removed(wijk, alice, bob, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post = services.post_create(wijk=wijk, author=alice, kind="tip", text="Gratis **compost** bij de tuin")
        services.comment_create(wijk=wijk, post=post, author=bob, text="Ik kom een emmer halen")
        hidden = services.post_create(wijk=wijk, author=alice, kind="message", text="Alleen leden", audience="members")
    docs = documents(wijk)
    assert "compost" in docs[("post", True)].body and "emmer" in docs[("comment", True)].body
    assert docs[("post", False)].object_id == str(hidden.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_update(wijk=wijk, post=post, text="Gratis mest bij de tuin", by=alice)
    assert "mest" in SearchDocument.objects.in_wijk(wijk).get(object_id=str(post.pk), kind="post").body
    with django_capture_on_commit_callbacks(execute=True):
        services.post_delete(wijk=wijk, post=post, by=alice)
    assert set(documents(wijk)) == {("post", False)}


def test_a_broker_that_is_down_loses_no_post(client, wijk, alice, monkeypatch, django_capture_on_commit_callbacks):
    from wijkplatform.community import tasks

    def broker_down(*args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr(tasks.photo_make_variants, "delay", broker_down)
    client.force_login(alice)
    data = {
        "kind": "message",
        "text": "Foto van de markt",
        "category": "general",
        "audience": "public",
        "photos": [image_upload(size=(1600, 1200))],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("post_create", wijk), data)
    assert response.status_code == 302
    photo = PostPhoto.objects.in_wijk(wijk).get()
    assert not photo.small  # the original is shown until the task runs
    page = client.get(url("feed", wijk)).content.decode()
    assert f'src="{photo.image.url}" width="1600" height="1200" loading="lazy"' in page
    # Running the task later makes the variant.
    tasks.photo_make_variants.run(photo.pk, wijk.pk)
    assert PostPhoto.objects.in_wijk(wijk).get().small_width == 720


def test_posting_very_fast_is_slowed_down(wijk, alice):
    from django.core.exceptions import ValidationError

    limit = services.RATE_LIMITS["post"][0]
    for n in range(limit):
        services.post_create(wijk=wijk, author=alice, kind="message", text=f"Bericht {n}")
    with pytest.raises(ValidationError, match="very fast"):
        services.post_create(wijk=wijk, author=alice, kind="message", text="Nog een")
    assert Post.objects.in_wijk(wijk).count() == limit
