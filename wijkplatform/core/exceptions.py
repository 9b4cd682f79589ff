from django.core.exceptions import PermissionDenied


class CapabilityDenied(PermissionDenied):
    """The person may not do this here. Views turn it into a 403 with this message."""
