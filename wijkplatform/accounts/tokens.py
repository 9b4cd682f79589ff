"""Personal access tokens: made, shown once, stored as a hash, revoked by their owner."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AccessToken

PREFIX = "wijk_"
MAX_TOKENS = 20


def _hash(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


def token_create(*, user, name, scope):
    """Make a token; returns (token row, the token itself). The token itself is never stored."""
    if AccessToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_TOKENS:
        raise ValidationError(_("You have %(n)s tokens already; revoke one first.") % {"n": MAX_TOKENS})
    raw = PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(user=user, name=name.strip(), scope=scope, prefix=raw[:12],
                                       token_hash=_hash(raw))
    return token, raw


def token_revoke(*, user, pk):
    updated = AccessToken.objects.filter(user=user, pk=pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if not updated:
        raise ValidationError(_("This token does not exist or was revoked already."))


def token_authenticate(raw):
    """The live token behind this raw value, or None (unknown, revoked, or its person deactivated)."""
    if not raw or not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    token = (AccessToken.objects.select_related("user")
             .filter(token_hash=_hash(raw), revoked_at__isnull=True, user__is_active=True).first())
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
