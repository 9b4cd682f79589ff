"""Pilots: question, wijken, partners, period, measures, results, lessons, links to the wijken's figures."""

import datetime

from django.urls import reverse

from wijkplatform.academy.models import Pilot


def test_pilot_page_links_to_the_figures_of_its_wijken(client, wijk, other_wijk):
    pilot = Pilot.objects.create(
        title="Digitale buurtkrant",
        slug="digitale-buurtkrant",
        question="Leest de wijk meer online?",
        starts_on=datetime.date(2026, 1, 1),
        measures="Lezers per maand",
        results="Twee keer zoveel lezers",
        lessons="Papier blijft nodig",
        partners="Bibliotheek",
    )
    pilot.wijken.add(wijk, other_wijk)
    listing = client.get(reverse("academy:pilots")).content.decode()
    assert "Digitale buurtkrant" in listing
    html = client.get(reverse("academy:pilot", kwargs={"slug": pilot.slug})).content.decode()
    for text in (
        "Leest de wijk meer online?",
        "Lezers per maand",
        "Twee keer zoveel lezers",
        "Papier blijft nodig",
        "Bibliotheek",
        wijk.name,
        other_wijk.name,
    ):
        assert text in html
    assert reverse("insights:figures", kwargs={"wijk_slug": wijk.slug}) in html


def test_unknown_pilot_is_a_404(client, db):
    assert client.get(reverse("academy:pilot", kwargs={"slug": "nope"})).status_code == 404
