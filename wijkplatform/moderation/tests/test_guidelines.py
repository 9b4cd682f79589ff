from wijkplatform.moderation.models import Guideline, JoinGuidelines
from wijkplatform.moderation.selectors import guidelines_active, guidelines_all
from wijkplatform.moderation.services import guidelines_accept

from .helpers import url


def test_default_guidelines_in_the_wijk_language(client, wijk, other_wijk):
    wijk.language = "nl"
    wijk.save()
    page = client.get(url(wijk, "guidelines")).content.decode()
    assert Guideline.objects.in_wijk(wijk).count() == 5
    assert "Wees vriendelijk en respectvol" in page
    assert "Be kind and respectful" in client.get(url(other_wijk, "guidelines")).content.decode()



def test_guidelines_once_made_are_read_in_one_query(wijk, django_assert_num_queries):
    assert len(guidelines_active(wijk=wijk)) == 5  # made on first use
    with django_assert_num_queries(1):
        assert [guideline.position for guideline in guidelines_active(wijk=wijk)] == [10, 20, 30, 40, 50]


def test_a_wijk_whose_guidelines_are_all_switched_off_does_not_get_the_defaults_again(wijk):
    guidelines_active(wijk=wijk)
    Guideline.objects.in_wijk(wijk).update(is_active=False)
    assert not guidelines_active(wijk=wijk)
    assert len(guidelines_all(wijk=wijk)) == 5

def test_coordinator_edits_and_adds_guidelines_residents_cannot(client, wijk, alice, coordinator):
    client.get(url(wijk, "guidelines"))
    first = Guideline.objects.in_wijk(wijk).first()
    client.force_login(alice)
    assert client.get(url(wijk, "guidelines_edit")).status_code == 403
    assert client.post(url(wijk, "guideline_edit", pk=first.pk), {f"g{first.pk}-title": "x"}).status_code == 403
    client.force_login(coordinator)
    response = client.post(
        url(wijk, "guideline_edit", pk=first.pk),
        {
            f"g{first.pk}-title": "Be kind",
            f"g{first.pk}-text": "Always.",
            f"g{first.pk}-position": 1,
            f"g{first.pk}-is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Guideline.objects.in_wijk(wijk).get(pk=first.pk).title == "Be kind"
    client.post(
        url(wijk, "guidelines_edit"),
        {"new-title": "Help each other", "new-position": 99, "new-is_active": "on"},
    )
    assert Guideline.objects.in_wijk(wijk).filter(title="Help each other").exists()
    assert client.post(url(wijk, "guidelines_edit"), {"new-title": ""}).status_code == 400


def test_members_accept_the_guidelines(client, wijk, alice, stranger):
    client.force_login(alice)
    page = client.get(url(wijk, "guidelines")).content.decode()
    assert "I accept the community guidelines" in page
    client.post(url(wijk, "guidelines"))
    assert JoinGuidelines.objects.in_wijk(wijk).filter(user=alice).exists()
    assert "You have accepted" in client.get(url(wijk, "guidelines")).content.decode()
    guidelines_accept(wijk=wijk, user=alice)  # twice is fine: one record
    assert JoinGuidelines.objects.in_wijk(wijk).filter(user=alice).count() == 1
    client.force_login(stranger)
    client.post(url(wijk, "guidelines"))
    assert not JoinGuidelines.objects.in_wijk(wijk).filter(user=stranger).exists()


def test_the_wijk_home_asks_a_new_member_to_accept_the_guidelines(client, wijk, alice):
    from django.urls import reverse

    client.force_login(alice)
    home = reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})
    assert "I accept the community guidelines" in client.get(home).content.decode()
    client.post(reverse("moderation:guidelines", kwargs={"wijk_slug": wijk.slug}))
    assert "I accept the community guidelines" not in client.get(home).content.decode()
