"""Factories for the building blocks every app's tests need. Apps keep their own in `tests/factories.py`."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from wijkplatform.accounts.models import User
from wijkplatform.wijken.models import Membership, RoleAssignment, Wijk

PASSWORD = "a-long-test-password-42"


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wijk
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")
    city = "Rotterdam"
    country = "NL"
    time_zone = "Europe/Amsterdam"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Neighbour {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def give_mfa(user):
    """Turn on TOTP for a test user, as if they had set it up (editors and coordinators need it)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    user.__dict__.pop("has_mfa", None)
    user.__dict__.pop("_wijk_roles", None)
    return Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)


def member(wijk, *roles, mfa=None, **user_fields):
    """A person who is an active member of the wijk with these roles (MFA on when a role needs it)."""
    from wijkplatform.core.capabilities import ROLES_NEEDING_MFA

    user = UserFactory(**user_fields)
    Membership.objects.create(wijk=wijk, user=user)
    for role in roles:
        if role != "resident":
            RoleAssignment.objects.create(wijk=wijk, user=user, role=role)
    if mfa or (mfa is None and set(roles) & ROLES_NEEDING_MFA):
        give_mfa(user)
    return user
