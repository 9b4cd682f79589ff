import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wijkplatform.core.testing.factories import member

from .factories import StoryFactory
from .helpers import url


@pytest.fixture
def reporter(wijk):
    return member(wijk, "reporter", display_name="Sanne")


def test_published_stories_are_listed_with_byline_and_reading_time(
    client, wijk, reporter, django_assert_max_num_queries
):
    for n in range(5):
        StoryFactory(wijk=wijk, reporter=reporter, title=f"Trees {n}")
    StoryFactory(wijk=wijk, reporter=reporter, title="Still a draft", status="draft", published_at=None)
    with django_assert_max_num_queries(8):
        response = client.get(url(wijk, "stories"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Trees 4" in page and "Trees 0" in page
    assert "Still a draft" not in page
    assert "Sanne" in page and "1 minute read" in page


def test_story_detail_has_sanitised_body_open_graph_tags_and_byline(client, wijk, reporter):
    story = StoryFactory(
        wijk=wijk,
        reporter=reporter,
        title="Forty trees",
        body="Hello <script>alert(1)</script> **bold**",
        tags="green, canal",
    )
    response = client.get(url(wijk, "story", pk=story.pk))
    page = response.content.decode()
    assert '<meta property="og:title" content="Forty trees">' in page
    assert 'property="og:url"' in page and "article:tag" in page
    assert "<strong>bold</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert f"/people/{reporter.pk}/" in page
    assert "?tag=green" in page


def test_story_with_cover_shows_caption_and_credit(client, wijk, reporter):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, format="JPEG")
    story = StoryFactory(wijk=wijk, reporter=reporter, cover_caption="The canal", cover_credit="Ria")
    story.cover.save("c.jpg", SimpleUploadedFile("c.jpg", buffer.getvalue()), save=True)
    page = client.get(url(wijk, "story", pk=story.pk)).content.decode()
    assert "The canal" in page and "Ria" in page and 'property="og:image"' in page


def test_tag_filter(client, wijk, reporter):
    StoryFactory(wijk=wijk, reporter=reporter, title="About trees", tags="green")
    StoryFactory(wijk=wijk, reporter=reporter, title="About music", tags="music")
    page = client.get(url(wijk, "stories") + "?tag=music").content.decode()
    assert "About music" in page and "About trees" not in page


def test_print_view_and_rss(client, wijk, reporter):
    story = StoryFactory(wijk=wijk, reporter=reporter, title="Printable story")
    page = client.get(url(wijk, "story_print", pk=story.pk)).content.decode()
    assert "Printable story" in page and "@page" in page
    response = client.get(url(wijk, "stories_rss"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert b"Printable story" in response.content


def test_hidden_draft_and_other_wijk_stories_are_404(client, wijk, other_wijk, reporter, charlie):
    hidden = StoryFactory(wijk=wijk, reporter=reporter)
    from django.utils import timezone

    from wijkplatform.newsroom.models import Story

    Story.objects.in_wijk(wijk).filter(pk=hidden.pk).update(hidden_at=timezone.now())
    draft = StoryFactory(wijk=wijk, reporter=reporter, status="in_review", published_at=None)
    assert client.get(url(wijk, "story", pk=hidden.pk)).status_code == 404
    assert client.get(url(wijk, "story", pk=draft.pk)).status_code == 404
    live = StoryFactory(wijk=wijk, reporter=reporter)
    client.force_login(charlie)
    assert client.get(url(other_wijk, "story", pk=live.pk)).status_code == 404


def test_home_shows_latest_stories_and_nav_has_stories(client, wijk, reporter):
    StoryFactory(wijk=wijk, reporter=reporter, title="On the home page")
    page = client.get(f"/{wijk.slug}/").content.decode()
    assert "On the home page" in page
    assert url(wijk, "stories") in page
