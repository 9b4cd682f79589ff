from wijkplatform.core.testing.factories import member
from wijkplatform.newsroom import services

from .helpers import url


def test_editor_sees_a_safe_diff_between_revisions(client, wijk):
    reporter = member(wijk, "reporter")
    editor = member(wijk, "editor")
    story = services.story_create(wijk=wijk, by=reporter, title="Diff", body="old line\nsame line")
    services.story_save(
        wijk=wijk,
        story=story,
        by=reporter,
        version=story.version,
        body="new <script>alert(1)</script> line\nsame line",
    )
    client.force_login(editor)
    response = client.get(url(wijk, "desk_diff", pk=story.pk) + "?a=1&b=2")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<span class="removed">' in page and "old line" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert client.get(url(wijk, "desk_diff", pk=story.pk) + "?a=1&b=99").status_code == 404
    assert client.get(url(wijk, "desk_diff", pk=story.pk) + "?a=x").status_code == 400
