from wijkplatform.core.testing.leakwalk import sample
from wijkplatform.partners.models import Representative
from wijkplatform.partners.tests.factories import OrganisationFactory, partner_in


@sample
def partners(wijk, marker, author):
    presence = partner_in(wijk, OrganisationFactory(name=marker, offer=marker))
    request = Representative.objects.create(
        wijk=wijk, organisation=presence.organisation, user=author, motivation=marker
    )
    slug = {"org_slug": presence.organisation.slug}
    return {
        "partners:detail": slug,
        "partners:edit": slug,
        "partners:verify": slug,
        "partners:represent": slug,
        "partners:add_to_wijk": slug,
        "partners:request_decide": {"pk": request.pk},
    }
