"""Who is calling the API: a personal access token (Authorization: Bearer wijk_...) or the browser session.

Reads need no account; they show what the caller may see. Writes need a token with the write scope, or the
browser session with its CSRF token.
"""

import hashlib

from django.contrib.auth.models import AnonymousUser
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.throttling import SimpleRateThrottle

from wijkplatform.accounts.tokens import token_authenticate


def bearer(request):
    header = request.headers.get("Authorization", "")
    scheme, _space, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def caller(request):
    """The person behind a request: the token's owner, the session's person, or an anonymous visitor."""
    raw = bearer(request)
    if raw is not None:
        token = token_authenticate(raw)
        if token is None:
            raise AuthenticationError(401, "This token is not valid or was revoked.")
        request.api_token = token
        return token.user
    return request.user if request.user.is_authenticated else AnonymousUser()


class WriteToken(HttpBearer):
    def authenticate(self, request, token):
        found = token_authenticate(token)
        if found is None:
            raise AuthenticationError(401, "This token is not valid or was revoked.")
        if not found.can_write:
            raise AuthenticationError(403, "This token may only read; make one with the write scope.")
        request.api_token = found
        return found.user


class Session(APIKeyCookie):
    """The browser session, with Django's CSRF check (ninja checks it for cookie authentication)."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        return request.user if request.user.is_authenticated else None


class TokenOrAddress(SimpleRateThrottle):
    """One budget per token when there is one, otherwise per address."""

    scope = "token"

    def get_cache_key(self, request):
        raw = bearer(request)
        ident = hashlib.sha256(raw.encode()).hexdigest() if raw else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class Address(SimpleRateThrottle):
    """Every address has a budget too, whatever tokens it uses."""

    scope = "address"

    def get_cache_key(self, request):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
