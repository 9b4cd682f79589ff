from django.urls import reverse

from wijkplatform.events.tests.factories import make_event
from wijkplatform.partners import services
from wijkplatform.partners.models import Organisation
from wijkplatform.partners.tests.factories import OrganisationFactory, partner_in, representative


def test_the_partner_list_groups_by_kind_and_shows_only_this_wijk(
    client, wijk, other_wijk, django_assert_max_num_queries
):
    partner_in(wijk, name="Basisschool De Klimop", kind=Organisation.Kind.SCHOOL)
    partner_in(wijk, name="Speeltuin Noorderkanaal", kind=Organisation.Kind.PLAYGROUND, verified=True)
    for n in range(8):
        partner_in(wijk, name=f"Zorg {n}", kind=Organisation.Kind.CARE)
    partner_in(other_wijk, name="Harlem Library")
    with django_assert_max_num_queries(6):
        page = client.get(reverse("partners:list", kwargs={"wijk_slug": wijk.slug})).content.decode()
    assert "Basisschool De Klimop" in page and "Speeltuin Noorderkanaal" in page
    assert "Harlem Library" not in page
    assert page.index("Care provider") < page.index("Playground") < page.index("School")
    assert "Verified" in page


def test_one_organisation_active_in_two_wijken(client, wijk, other_wijk):
    organisation = OrganisationFactory(name="Voedselbank")
    partner_in(wijk, organisation)
    partner_in(other_wijk, organisation)
    for one in (wijk, other_wijk):
        url = reverse("partners:detail", kwargs={"wijk_slug": one.slug, "org_slug": organisation.slug})
        assert "Voedselbank" in client.get(url).content.decode()


def test_the_partner_page_lists_its_events_here(client, wijk, other_wijk, bob, charlie):
    organisation = OrganisationFactory(name="Huis van de Wijk")
    partner_in(wijk, organisation)
    partner_in(other_wijk, organisation)
    representative(wijk, organisation, bob)
    representative(other_wijk, organisation, charlie)
    make_event(wijk, bob, title="Taalcafé", organiser_partner=organisation)
    make_event(wijk, bob, title="Own event of Bob")
    make_event(other_wijk, charlie, title="Harlem reading", organiser_partner=organisation)
    url = reverse("partners:detail", kwargs={"wijk_slug": wijk.slug, "org_slug": organisation.slug})
    page = client.get(url).content.decode()
    assert "Taalcafé" in page
    assert "Own event of Bob" not in page and "Harlem reading" not in page
    assert "Bob" in page  # its representative here


def test_a_partner_of_another_wijk_is_a_404_here(client, wijk, other_wijk):
    elsewhere = partner_in(other_wijk)
    url = reverse("partners:detail", kwargs={"wijk_slug": wijk.slug, "org_slug": elsewhere.organisation.slug})
    assert client.get(url).status_code == 404


def test_a_coordinator_marks_a_partner_verified(client, wijk, alice, coordinator):
    presence = partner_in(wijk)
    url = reverse("partners:verify", kwargs={"wijk_slug": wijk.slug, "org_slug": presence.organisation.slug})
    client.force_login(alice)
    assert client.post(url, {"verified": "1"}).status_code == 403
    client.force_login(coordinator)
    assert client.post(url, {"verified": "1"}).status_code == 302
    presence = type(presence).objects.in_wijk(wijk).get(pk=presence.pk)
    assert presence.verified and presence.verified_by == coordinator
    client.post(url, {"verified": "0"})
    assert not type(presence).objects.in_wijk(wijk).get(pk=presence.pk).verified


def test_representatives_edit_the_profile_and_others_may_not(client, wijk, alice, bob):
    presence = partner_in(wijk, name="Old name")
    representative(wijk, presence.organisation, bob)
    url = reverse("partners:edit", kwargs={"wijk_slug": wijk.slug, "org_slug": presence.organisation.slug})
    client.force_login(alice)
    assert client.get(url).status_code == 403
    client.force_login(bob)
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "New name", "kind": "school", "opening_hours": "Ma 9-12"})
    assert response.status_code == 302
    organisation = Organisation.objects.get(pk=presence.organisation.pk)
    assert organisation.name == "New name" and organisation.opening_hours == "Ma 9-12"
    response = client.post(url, {"name": "", "kind": "school"})
    assert response.status_code == 400
    assert Organisation.objects.get(pk=presence.organisation.pk).name == "New name"
    assert services.can_edit_organisation(wijk=wijk, user=bob, organisation=organisation)
