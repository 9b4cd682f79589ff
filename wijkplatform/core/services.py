"""Helpers every app's services use."""

from django.utils.translation import gettext as _

from .capabilities import can
from .exceptions import CapabilityDenied


def require(user, capability, wijk):
    """Raise CapabilityDenied unless the person holds the capability in this wijk."""
    if not can(user, capability, wijk):
        raise CapabilityDenied(_("You are not allowed to do this in this wijk."))
