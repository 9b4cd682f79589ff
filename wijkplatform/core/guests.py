"""Taking part without an account: a visitor leaves an email address and confirms it with a signed link.

Shared by the apps that let guests take part (a public poll, an RSVP to a public event). Each app keeps its
own rows, messages and emails; what lives here is only what must work the same everywhere:

- `guest_email(value)`: the address normalised (trimmed, lower case), or None when it is not an address;
- `guest_token(...)` / `guest_token_read(...)`: a signed link to one row of one wijk, optionally expiring;
- `guest_too_fast(request, ...)`: the rate limit per wijk and network address (every request sends an email,
  which must not become a spam tool);
- `guest_language_now()` / `guest_language(stored, wijk=...)`: the language a guest signed up in, kept on their
  row, and the language to write to them in later, outside their request (a task, another person's request).

No user-visible text here: callers word their own messages.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation

from . import ratelimit

GUEST_LINK_DAYS = 7  # how long a link to confirm is valid
GUEST_REQUESTS_PER_HOUR = 10  # from one network address, per wijk and per kind of request


def guest_email(value):
    """The address trimmed and in lower case, or None when it is not a valid email address."""
    value = (value or "").strip().lower()
    try:
        validate_email(value)
    except ValidationError:
        return None
    return value


def guest_token(*, salt, wijk_id, pk):
    """A signed token naming row `pk` of wijk `wijk_id`; `salt` tells the kinds of link apart."""
    return signing.dumps({"w": wijk_id, "r": pk}, salt=salt, compress=True)


def guest_token_read(token, *, salt, max_age_days=GUEST_LINK_DAYS):
    """(wijk id, row id) of a token made with `guest_token` and this salt, or None when it is not ours or
    older than `max_age_days` (None: it does not expire; the row it names can still be gone)."""
    max_age = None if max_age_days is None else max_age_days * 24 * 3600
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("r"), int) or not isinstance(data.get("w"), int):
        return None
    return data["w"], data["r"]


def guest_too_fast(request, *, scope, wijk, limit=GUEST_REQUESTS_PER_HOUR, seconds=3600):
    """Count one guest request from this address; True when it is over the limit for this wijk and scope."""
    key = f"{scope}:guest:{wijk.pk}:{request.META.get('REMOTE_ADDR', '')}"
    return ratelimit.hit(key, limit=limit, seconds=seconds)


def _our_language(code):
    """`code` as one of settings.LANGUAGES ("nl-be" -> "nl"), or "" when we do not speak it."""
    code = (code or "").lower()
    ours = {language for language, _name in settings.LANGUAGES}
    if code in ours:
        return code
    base = code.split("-", 1)[0]
    return base if base in ours else ""


def guest_language_now():
    """The language of the page the visitor is on, to keep with their row: a code of settings.LANGUAGES, or ""."""
    return _our_language(translation.get_language())


def guest_language(stored, *, wijk):
    """The language to write to a guest in outside their own request (`stored`: what `guest_language_now` gave
    when they signed up): that one, else the wijk's, as for rows kept from before the language was stored."""
    return _our_language(stored) or wijk.language or settings.LANGUAGE_CODE
