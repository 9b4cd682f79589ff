from django.urls import reverse

from wijkplatform.core.capabilities import can
from wijkplatform.core.testing.factories import member
from wijkplatform.notifications.models import Notification
from wijkplatform.partners import selectors
from wijkplatform.partners.models import PartnerPresence, Representative
from wijkplatform.partners.tests.factories import partner_in, representative


def ask(client, wijk, organisation, motivation="Ik ben coördinator"):
    url = reverse("partners:represent", kwargs={"wijk_slug": wijk.slug, "org_slug": organisation.slug})
    return client.post(url, {"motivation": motivation})


def decide(client, wijk, request, decision):
    url = reverse("partners:request_decide", kwargs={"wijk_slug": wijk.slug, "pk": request.pk})
    return client.post(url, {"decision": decision})


def test_the_coordinator_approves_the_first_representative(client, wijk, alice, coordinator):
    organisation = partner_in(wijk).organisation
    client.force_login(alice)
    assert ask(client, wijk, organisation).status_code == 302
    assert ask(client, wijk, organisation).status_code == 302  # asking twice keeps one request
    request = Representative.objects.in_wijk(wijk).get()
    assert request.status == "pending" and request.motivation == "Ik ben coördinator"
    assert decide(client, wijk, request, "approve").status_code == 403  # not herself
    client.force_login(coordinator)
    detail = reverse("partners:detail", kwargs={"wijk_slug": wijk.slug, "org_slug": organisation.slug})
    assert "Requests to represent" in client.get(detail).content.decode()
    assert decide(client, wijk, request, "approve").status_code == 302
    request = Representative.objects.in_wijk(wijk).get()
    assert request.status == "approved" and request.decided_by == coordinator
    assert list(selectors.organisations_represented(wijk=wijk, user=alice)) == [organisation]
    alice.__dict__.pop("_wijk_roles", None)
    assert can(alice, "partner.post_as", wijk)
    assert Notification.objects.in_wijk(wijk).filter(recipient=alice, kind="partner_request").exists()


def test_after_the_first_an_existing_representative_decides_not_the_coordinator(
    client, wijk, alice, bob, coordinator
):
    organisation = partner_in(wijk).organisation
    representative(wijk, organisation, alice)
    client.force_login(bob)
    ask(client, wijk, organisation)
    request = Representative.objects.in_wijk(wijk).get(user=bob)
    client.force_login(coordinator)
    assert decide(client, wijk, request, "approve").status_code == 403
    client.force_login(alice)
    assert decide(client, wijk, request, "decline").status_code == 302
    request = Representative.objects.in_wijk(wijk).get(user=bob)
    assert request.status == "declined"
    assert not selectors.represents(wijk=wijk, user=bob, organisation=organisation)
    # Deciding twice gives a clear message and changes nothing.
    response = decide(client, wijk, request, "approve")
    assert response.status_code == 302
    assert Representative.objects.in_wijk(wijk).get(user=bob).status == "declined"
    # Asking again after a "no" opens the request again.
    client.force_login(bob)
    ask(client, wijk, organisation)
    assert Representative.objects.in_wijk(wijk).get(user=bob).status == "pending"


def test_representing_in_one_wijk_is_not_representing_in_another(wijk, other_wijk, alice):
    organisation = partner_in(wijk).organisation
    partner_in(other_wijk, organisation)
    representative(wijk, organisation, alice)
    member_elsewhere = member(other_wijk)
    assert not selectors.represents(wijk=other_wijk, user=alice, organisation=organisation)
    assert list(selectors.organisations_represented(wijk=other_wijk, user=member_elsewhere)) == []


def test_a_request_of_another_wijk_is_a_404(client, wijk, other_wijk, alice, charlie):
    organisation = partner_in(wijk).organisation
    request = Representative.objects.create(wijk=wijk, organisation=organisation, user=alice)
    client.force_login(charlie)
    url = reverse("partners:request_decide", kwargs={"wijk_slug": other_wijk.slug, "pk": request.pk})
    assert client.post(url, {"decision": "approve"}).status_code == 404


def test_a_representative_adds_the_organisation_to_another_wijk_of_theirs(
    client, wijk, other_wijk, alice, coordinator
):
    from wijkplatform.wijken.models import Membership

    organisation = partner_in(wijk).organisation
    representative(wijk, organisation, alice)
    Membership.objects.create(wijk=other_wijk, user=alice)
    client.force_login(alice)
    detail = reverse("partners:detail", kwargs={"wijk_slug": wijk.slug, "org_slug": organisation.slug})
    assert 'value="harlem"' in client.get(detail).content.decode()
    url = reverse("partners:add_to_wijk", kwargs={"wijk_slug": wijk.slug, "org_slug": organisation.slug})
    response = client.post(url, {"wijk": other_wijk.slug})
    assert response.status_code == 302
    assert PartnerPresence.objects.in_wijk(other_wijk).filter(organisation=organisation).exists()
    request = Representative.objects.in_wijk(other_wijk).get(organisation=organisation)
    assert request.user == alice and request.status == "pending"  # the coordinator there confirms
    assert 'value="harlem"' not in client.get(detail).content.decode()  # nothing left to add


def test_only_representatives_add_an_organisation_elsewhere(client, wijk, other_wijk, bob):
    from wijkplatform.wijken.models import Membership

    organisation = partner_in(wijk).organisation
    Membership.objects.create(wijk=other_wijk, user=bob)
    client.force_login(bob)
    url = reverse("partners:add_to_wijk", kwargs={"wijk_slug": wijk.slug, "org_slug": organisation.slug})
    assert client.post(url, {"wijk": other_wijk.slug}).status_code == 403
    assert not PartnerPresence.objects.in_wijk(other_wijk).exists()
