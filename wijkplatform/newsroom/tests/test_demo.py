from wijkplatform.core.testing.factories import member
from wijkplatform.moderation import demo as moderation_demo
from wijkplatform.moderation.models import Guideline, JoinGuidelines
from wijkplatform.newsroom import demo
from wijkplatform.newsroom.models import Pitch, Story

ROLES = ("resident", "partner", "reporter", "editor", "tech_helper", "point_host", "coordinator")


def test_demo_stories_and_guidelines_are_idempotent_and_in_the_wijk_language(wijk, client):
    people = {role: member(wijk, role) for role in ROLES}
    for _run in range(2):
        demo.populate(wijk=wijk, people=people)
        moderation_demo.populate(wijk=wijk, people=people)
    assert Story.objects.in_wijk(wijk).filter(status="published").count() == 3
    assert Story.objects.in_wijk(wijk).filter(status="in_review").count() == 1
    assert Pitch.objects.in_wijk(wijk).count() == 1
    assert Guideline.objects.in_wijk(wijk).count() == 5
    assert JoinGuidelines.objects.in_wijk(wijk).count() == len(ROLES)
    page = client.get(f"/{wijk.slug}/stories/").content.decode()
    assert "Veertig nieuwe bomen langs het Noorderkanaal" in page
