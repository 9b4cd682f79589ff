"""Load the demo wijken: three neighbourhoods on three continents, with a login for every role.

Idempotent: running it again changes nothing that is there. Each app adds its own demo content in
`<app>/demo.py` with a function `populate(*, wijk, people)`, called here for every demo wijk.
"""

import importlib

from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from wijkplatform.accounts.models import User
from wijkplatform.core.capabilities import ROLES, ROLES_NEEDING_MFA
from wijkplatform.wijken.models import Membership, Wijk
from wijkplatform.wijken.services import role_grant

DEMO_PASSWORD = "wijk-demo-2026"
# A fixed TOTP secret for the demo logins that need two-factor authentication; `manage.py demo_code` prints
# the current code, or add the secret to any authenticator app.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

WIJKEN = [
    {
        "slug": "oude-noorden",
        "name": "Oude Noorden",
        "city": "Rotterdam",
        "country": "NL",
        "time_zone": "Europe/Amsterdam",
        "language": "nl",
        "colour": "#c8102e",
        "latitude": "51.93200",
        "longitude": "4.48900",
        "tagline": "Samen maken we het Oude Noorden mooier.",
        "description": "Het Oude Noorden is een levendige wijk in Rotterdam-Noord, met de Zwaanshals, "
        "de Bergweg en het Noorderkanaal. Hier delen buren tips, helpen ze elkaar en vieren ze "
        "wat goed gaat.",
        "people": {
            "resident": "Fatima el Amrani",
            "partner": "Joris de Wit (Huis van de Wijk)",
            "reporter": "Sanne Verbeek",
            "editor": "Kees Bakker",
            "tech_helper": "Mehmet Yilmaz",
            "point_host": "Ria Janssen",
            "coordinator": "Anouk de Vries",
        },
    },
    {
        "slug": "bo-kaap",
        "name": "Bo-Kaap",
        "city": "Cape Town",
        "country": "ZA",
        "time_zone": "Africa/Johannesburg",
        "language": "en",
        "colour": "#1b6ca8",
        "latitude": "-33.92050",
        "longitude": "18.41500",
        "tagline": "Colourful houses, open doors.",
        "description": "Bo-Kaap sits on the slopes of Signal Hill above the city centre. Neighbours here "
        "share news, lend a hand and keep the stories of the wijk alive.",
        "people": {
            "resident": "Aisha Davids",
            "partner": "Yusuf Salie (Bo-Kaap Community Centre)",
            "reporter": "Nadia Jacobs",
            "editor": "Thabo Mokoena",
            "tech_helper": "Riyaad Adams",
            "point_host": "Fatiema Hendricks",
            "coordinator": "Zainab Petersen",
        },
    },
    {
        "slug": "fitzroy",
        "name": "Fitzroy",
        "city": "Melbourne",
        "country": "AU",
        "time_zone": "Australia/Melbourne",
        "language": "en",
        "colour": "#2e7d32",
        "latitude": "-37.79900",
        "longitude": "144.97800",
        "tagline": "Melbourne's first suburb, still a village.",
        "description": "Fitzroy is known for Brunswick Street, its laneways and its community gardens. "
        "This is where neighbours find each other, swap tools and plan the next street party.",
        "people": {
            "resident": "Grace O'Connor",
            "partner": "Liam Nguyen (Fitzroy Neighbourhood House)",
            "reporter": "Mia Rossi",
            "editor": "Jack Thompson",
            "tech_helper": "Priya Sharma",
            "point_host": "Tom Walsh",
            "coordinator": "Chloe Anderson",
        },
    },
]


def demo_email(role, slug):
    return f"{role.replace('_', '-')}.{slug}@example.org"


class Command(BaseCommand):
    help = "Load the demo wijken with a login for every role (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            staff = self.person("staff@example.org", "Stef Staff", mfa=True, is_staff=True, is_superuser=True)
            logins = [("platform staff", staff.email)]
            for spec in WIJKEN:
                wijk, people = self.wijk(spec)
                for role, user in people.items():
                    logins.append((f"{role} of {wijk.slug}", user.email))
                for config in apps.get_app_configs():
                    if config.name.startswith("wijkplatform."):
                        try:
                            module = importlib.import_module(f"{config.name}.demo")
                        except ModuleNotFoundError as error:
                            if error.name != f"{config.name}.demo":
                                raise
                            continue
                        module.populate(wijk=wijk, people=people)
        self.stdout.write(
            self.style.SUCCESS(f"Demo wijken are ready. Logins (password for all: {DEMO_PASSWORD}):")
        )
        for label, email in logins:
            self.stdout.write(f"  {label:<28} {email}")
        self.stdout.write(
            f"Editors, coordinators and staff use two-factor authentication: the TOTP secret is "
            f"{DEMO_TOTP_SECRET}; 'manage.py demo_code' prints the current code."
        )

    def person(self, email, name, *, mfa=False, **fields):
        user, created = User.objects.get_or_create(email=email, defaults={"display_name": name, **fields})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        if mfa:
            from allauth.mfa.models import Authenticator
            from allauth.mfa.totp.internal.auth import TOTP

            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, DEMO_TOTP_SECRET)
        return user

    def wijk(self, spec):
        spec = dict(spec)
        names = spec.pop("people")
        wijk, _created = Wijk.objects.get_or_create(slug=spec["slug"], defaults=spec)
        people = {}
        for role in ROLES:
            user = self.person(demo_email(role, wijk.slug), names[role], mfa=role in ROLES_NEEDING_MFA)
            Membership.objects.get_or_create(wijk=wijk, user=user)
            role_grant(wijk=wijk, user=user, role=role)
            people[role] = user
        return wijk, people
