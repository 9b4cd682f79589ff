"""Demo partners: two organisations per demo wijk, represented by the demo partner. Idempotent."""

from wijkplatform.wijken.services import role_grant

from .models import Organisation, PartnerPresence, Representative

ORGANISATIONS = {
    "oude-noorden": [
        {
            "slug": "huis-van-de-wijk-het-klooster",
            "name": "Huis van de Wijk Het Klooster",
            "kind": Organisation.Kind.COMMUNITY_CENTRE,
            "offer": "Een plek voor iedereen uit de buurt:\n\n- taalcafé en huiswerkbegeleiding\n"
            "- spreekuur voor geldzaken en formulieren\n- koffie en een praatje",
            "contact": "010 000 00 00 · info@hetklooster.example.org",
            "opening_hours": "Ma-vr 9:00-17:00",
            "website": "https://hetklooster.example.org",
            "verified": True,
        },
        {
            "slug": "speeltuin-de-bergweg",
            "name": "Speeltuin De Bergweg",
            "kind": Organisation.Kind.PLAYGROUND,
            "offer": "Een buurtspeeltuin met vrijwilligers, een moestuintje en activiteiten in de vakanties.",
            "contact": "speeltuin@bergweg.example.org",
            "opening_hours": "Wo, za en zo 13:00-17:00",
            "website": "",
            "verified": False,
        },
    ],
    "bo-kaap": [
        {
            "slug": "bo-kaap-community-centre",
            "name": "Bo-Kaap Community Centre",
            "kind": Organisation.Kind.COMMUNITY_CENTRE,
            "offer": "Heritage walks, cooking classes, a youth programme "
            "and a help desk for forms and permits.",
            "contact": "021 000 0000 · hello@bokaapcentre.example.org",
            "opening_hours": "Mon-Sat 9:00-16:00",
            "website": "https://bokaapcentre.example.org",
            "verified": True,
        },
        {
            "slug": "schotsche-kloof-primary",
            "name": "Schotsche Kloof Primary School",
            "kind": Organisation.Kind.SCHOOL,
            "offer": "Our hall and sports field are open to neighbourhood groups after school hours.",
            "contact": "office@schotschekloof.example.org",
            "opening_hours": "School days 7:30-15:00",
            "website": "",
            "verified": False,
        },
    ],
    "fitzroy": [
        {
            "slug": "fitzroy-neighbourhood-house",
            "name": "Fitzroy Neighbourhood House",
            "kind": Organisation.Kind.COMMUNITY_CENTRE,
            "offer": "Classes, a repair café, a food pantry and rooms for community groups.",
            "contact": "(03) 0000 0000 · info@fitzroynh.example.org",
            "opening_hours": "Mon-Fri 9:30-16:30",
            "website": "https://fitzroynh.example.org",
            "verified": True,
        },
        {
            "slug": "fitzroy-adventure-playground",
            "name": "Fitzroy Adventure Playground",
            "kind": Organisation.Kind.PLAYGROUND,
            "offer": "Free, supervised play for kids aged 5 to 15: cubbies, fire pit, animals.",
            "contact": "play@fitzroyplayground.example.org",
            "opening_hours": "Tue-Sun 15:30-18:00",
            "website": "",
            "verified": False,
        },
    ],
}


def populate(*, wijk, people):
    partner = people["partner"]
    for spec in ORGANISATIONS.get(wijk.slug, []):
        spec = dict(spec)
        verified = spec.pop("verified")
        organisation, _created = Organisation.objects.get_or_create(slug=spec["slug"], defaults=spec)
        presence, _created = PartnerPresence.objects.in_wijk(wijk).get_or_create(
            wijk=wijk, organisation=organisation, defaults={"added_by": partner}
        )
        if verified and not presence.verified:
            presence.verified = True
            presence.verified_by = people["coordinator"]
            presence.save(update_fields=["verified", "verified_by"])
        Representative.objects.in_wijk(wijk).get_or_create(
            wijk=wijk,
            organisation=organisation,
            user=partner,
            defaults={"status": Representative.Status.APPROVED, "decided_by": people["coordinator"]},
        )
    role_grant(wijk=wijk, user=partner, role="partner")
