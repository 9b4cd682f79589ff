import pytest

from wijkplatform.community import demo
from wijkplatform.community.models import Initiative, Post
from wijkplatform.core.capabilities import ROLES
from wijkplatform.core.testing.factories import WijkFactory, member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug, language", [("oude-noorden", "nl"), ("bo-kaap", "en"), ("fitzroy", "en")])
def test_demo_content_is_realistic_and_idempotent(client, slug, language):
    wijk = WijkFactory(slug=slug, language=language)
    people = {role: member(wijk, role) for role in ROLES}
    demo.populate(wijk=wijk, people=people)
    demo.populate(wijk=wijk, people=people)
    posts = Post.objects.in_wijk(wijk)
    assert posts.count() >= 8
    assert {"request", "offer", "thanks"} <= set(posts.values_list("kind", flat=True))
    assert Initiative.objects.in_wijk(wijk).count() == 1
    assert client.get(f"/{slug}/feed/").status_code == 200
