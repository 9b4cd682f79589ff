"""Signed one-click unsubscribe tokens (RFC 8058): no login needed, bound to one wijk and one kind."""

from django.core import signing

SALT = "notifications.unsubscribe"


def make_token(*, wijk, kind, user=None, email=None):
    payload = {"w": wijk.pk, "k": kind}
    if user is not None:
        payload["u"] = user.pk
    else:
        payload["e"] = email
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token):
    """The payload, or None for a token that is malformed or not ours."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or "w" not in payload or "k" not in payload:
        return None
    if "u" not in payload and "e" not in payload:
        return None
    return payload
