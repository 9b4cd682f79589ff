from wijkplatform.core.testing.factories import member
from wijkplatform.moderation import services
from wijkplatform.moderation.selectors import guidelines_active

from .helpers import story_of, url


def test_public_page_shows_monthly_counts_of_reports_and_decisions(client, wijk, alice, bob, other_wijk, charlie):
    editor = member(wijk, "editor")
    guideline = guidelines_active(wijk=wijk).first()
    for _n in range(2):
        story = story_of(wijk, bob)
        services.report_create(wijk=wijk, content="newsroom.story", pk=story.pk, by=alice, guideline_id=guideline.pk)
    services.decide(
        wijk=wijk, content="newsroom.story", pk=story.pk, action="hide", by=editor, guideline_id=guideline.pk
    )
    other = story_of(other_wijk, charlie)
    services.report_create(
        wijk=other_wijk,
        content="newsroom.story",
        pk=other.pk,
        by=member(other_wijk),
        guideline_id=guidelines_active(wijk=other_wijk).first().pk,
    )
    response = client.get(url(wijk, "transparency"))
    page = response.content.decode()
    assert response.status_code == 200
    rows = [line for line in page.splitlines() if '<th scope="row">' in line]
    assert len(rows) == 1
    assert "<td>2</td><td>1</td>" in rows[0]
