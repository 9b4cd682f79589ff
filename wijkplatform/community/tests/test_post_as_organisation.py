"""Representatives post as their organisation; the post shows on the feed and on the partner page."""

import pytest
from django.urls import reverse

from wijkplatform.community.models import Post
from wijkplatform.partners.models import Organisation, PartnerPresence, Representative

from .helpers import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def huis(wijk, alice):
    organisation = Organisation.objects.create(name="Huis van de Wijk", slug="huis-van-de-wijk", kind="community_centre")
    PartnerPresence.objects.create(wijk=wijk, organisation=organisation)
    Representative.objects.create(wijk=wijk, organisation=organisation, user=alice, status="approved")
    return organisation


def test_representative_posts_as_the_organisation(client, wijk, alice, huis):
    client.force_login(alice)
    assert "Post as" in client.get(url("feed", wijk)).content.decode()
    response = client.post(url("post_create", wijk), {"kind": "message", "text": "Open huis zaterdag!",
                                                      "category": "general", "audience": "public",
                                                      "as_organisation": huis.pk})
    post = Post.objects.in_wijk(wijk).get()
    assert response.status_code == 302 and post.organisation == huis and post.author == alice
    page = client.get(url("feed", wijk)).content.decode()
    assert "Huis van de Wijk" in page and "Open huis zaterdag!" in page
    partner_page = client.get(reverse("partners:detail", kwargs={"wijk_slug": wijk.slug, "org_slug": huis.slug}))
    assert "Open huis zaterdag!" in partner_page.content.decode()


def test_posting_as_an_organisation_one_does_not_represent_is_refused(client, wijk, bob, huis):
    from wijkplatform.community.services import post_create
    from wijkplatform.core.exceptions import CapabilityDenied

    client.force_login(bob)
    assert "Post as" not in client.get(url("feed", wijk)).content.decode()
    response = client.post(url("post_create", wijk), {"kind": "message", "text": "Namens het huis",
                                                      "category": "general", "audience": "public",
                                                      "as_organisation": huis.pk})
    assert response.status_code == 400  # not a choice for bob
    with pytest.raises(CapabilityDenied):
        post_create(wijk=wijk, author=bob, kind="message", text="Namens het huis", organisation=huis)
    assert not Post.objects.in_wijk(wijk).exists()
