import factory

from wijkplatform.partners.models import Organisation, PartnerPresence, Representative


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Buurthuis {n}")
    slug = factory.Sequence(lambda n: f"buurthuis-{n}")
    kind = Organisation.Kind.COMMUNITY_CENTRE
    offer = "Koffie, taalles en een spreekuur."
    opening_hours = "Ma-vr 9:00-17:00"


def partner_in(wijk, organisation=None, *, verified=False, **fields):
    """An organisation that is a partner of the wijk (its presence is returned)."""
    organisation = organisation or OrganisationFactory(**fields)
    return PartnerPresence.objects.create(wijk=wijk, organisation=organisation, verified=verified)


def representative(wijk, organisation, user, *, status=Representative.Status.APPROVED):
    from wijkplatform.wijken.services import role_grant

    if status == Representative.Status.APPROVED:
        role_grant(wijk=wijk, user=user, role="partner")
    return Representative.objects.create(wijk=wijk, organisation=organisation, user=user, status=status)
