"""The page cache: public pages rendered once for every visitor without a session, until the wijk changes.

Most people who look at a wijk are not logged in (a neighbour following a link, the Point screen's QR
codes, a search engine). `PageCacheMiddleware` keeps the HTML such a visitor gets, by address and
language, with the wijk's *version* it was rendered at (one round trip reads both). Any write to the wijk's
data bumps the version (core/models.py), so the next visitor sees it at once; `PAGE_CACHE_SECONDS`
(default 60) bounds what no write announces: a member's new name, "open now", "5 minutes ago".

What differs per visitor is put back on every answer: the CSP nonce and the CSRF token are stored as
placeholders and filled in fresh. Logged-in members, anyone with a session or a flash message, API callers
with a token, htmx fragments and anything but a plain 200 are never cached. For members' pages, parts are
kept, under the wijk's version or under that of the parts of the wijk they show (`parts=`, an app's label):
`kept_until_wijk_changes` (reads), `cached_fragments` (HTML shared by every reader) and `render_shared` (a
page's frame, shared by everyone with the same rights). The read API's lists are kept the same way for
callers without a token; a stored answer skips the API's rate limit, which is there to protect the work a
stored answer no longer costs.
"""

import functools
import hashlib
import pickle
import re
import secrets
import threading
import time
from collections import OrderedDict
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

NONCE = "\x00nonce\x00"
CSRF = "\x00csrf\x00"
GLOBAL = "global"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _version_key(scope):
    return f"pagecache:v:{scope}"


# The versions one request has read or made, so that it reads each wijk's version once (PageCacheMiddleware);
# also what it read ahead for `kept_until_forgotten`, by key.
_versions_seen = ContextVar("pagecache_versions_seen", default=None)
_request = ContextVar("pagecache_request", default=None)
MISSING = object()  # read ahead, and not in the cache


def _new_version():
    # A number, never 0: the cache stores it as it is, so a page reads a dozen of them without unpickling.
    return 1 + secrets.randbelow(2**64 - 1)


def _short(version):
    """A version as a few characters of a key (one kept from before versions were numbers is text)."""
    return format(version, "x") if isinstance(version, int) else str(version)[:16]


def _bump(scopes):
    versions = {scope: _new_version() for scope in scopes}
    cache.set_many({_version_key(scope): version for scope, version in versions.items()}, None)
    seen = _versions_seen.get()
    if seen is not None:
        seen.update(versions)
    for scope in scopes:  # this process's visitors see the write at once
        _visitor_versions.pop(scope, None)


# Besides its version, a wijk has one per part of the platform (an app: "community", "events"), so that what
# shows one part only is kept across writes to the others: the neighbour of the month stays kept when someone
# likes a post. A write to one row changes its own part; a write that may show everywhere (the wijk's settings,
# a person's name, a deletion, whose cascade may reach other parts) changes them all, through ALL_PARTS.
ALL_PARTS = "all"


def _part_scope(wijk_id, part):
    return f"{wijk_id}:{part}"


def wijks_changed(wijk_ids, *, directory=False, part=None):
    """The pages of these wijken are out of date; with `directory`, also the directory that lists them.

    With `part`, only what shows that part of the wijken changed; without, everything. The directory's counts
    (members, posts this month) are left to `PAGE_CACHE_SECONDS`: with many wijken something is written
    every second, and the directory would never be kept at all."""
    wijk_ids = set(wijk_ids)
    scopes = {*wijk_ids, *(_part_scope(wijk_id, part or ALL_PARTS) for wijk_id in wijk_ids)}
    if directory:
        scopes.add(GLOBAL)
    if not scopes:
        return
    _bump(scopes)
    # Once more after commit: a visitor who read the old rows during the transaction may have stored them.
    transaction.on_commit(lambda: _bump(scopes))


# The pages served from the cache, by URL name: what a visitor from outside reads most.
PUBLIC_PAGES = {
    "home",
    "directory_markers",
    "wijken:home",
    "community:feed",
    "community:post_detail",
    "events:list",
    "events:detail",
    "newsroom:stories",
    "newsroom:story",
    "points:list",
    "points:detail",
}
# The read API's lists for callers without a token: the wijk is named by the `slug` in the address.
PUBLIC_API = {"api-1:posts_list", "api-1:events_list", "api-1:stories_list", "api-1:points_list"}


def _cacheable_request(request):
    match = request.resolver_match
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and match is not None
        and (match.view_name in PUBLIC_PAGES or match.view_name in PUBLIC_API)
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.headers.get("HX-Request")
        and len(request.META.get("QUERY_STRING", "")) <= 200
    )


def _scope(request):
    """The wijk whose version keys this page: the address's wijk, or the one an API address names."""
    if getattr(request, "wijk", None) is not None:
        return request.wijk.pk
    if request.resolver_match.view_name in PUBLIC_API:
        from wijkplatform.wijken.selectors import wijk_get_live

        wijk = wijk_get_live(slug=request.resolver_match.kwargs.get("slug", ""))
        return wijk.pk if wijk else None
    return GLOBAL


def _current_version(scope):
    return _current_versions([scope])[scope]


def _current_versions(scopes, person_id=None, keys=()):
    """{scope: version}, in one round trip for those this request has not read yet; None if the cache is down.

    `person_id`: whose names registered with `read_ahead` to read along (else the request's member's, if known);
    `keys`: other keys of the cache to read along, kept for the request like those (see `read_with_versions`)."""
    seen = _versions_seen.get()
    found = {scope: seen[scope] for scope in scopes if seen is not None and scope in seen}
    missing = [scope for scope in scopes if scope not in found]
    if missing:
        # A request that needs one of a wijk's versions mostly needs others later: read them all now.
        also = [
            scope for scope in _all_scopes_of(missing) if scope not in missing and (seen is None or scope not in seen)
        ]
        ahead = [*_keys_read_ahead(missing, person_id), *keys] if seen is not None else []
        stored = cache.get_many([*(_version_key(scope) for scope in [*missing, *also]), *ahead])
        if seen is not None:
            seen.update((scope, stored[_version_key(scope)]) for scope in also if _version_key(scope) in stored)
            seen.update((key, stored.get(key, MISSING)) for key in ahead)
        for scope in missing:
            version = stored.get(_version_key(scope))
            if version is None:
                cache.add(_version_key(scope), _new_version(), None)
                version = cache.get(_version_key(scope))
            found[scope] = version
            if seen is not None and version is not None:
                seen[scope] = version
    return found


def _wijk_ids_of(scopes):
    return {str(scope).split(":")[0] for scope in scopes if not str(scope).startswith(PERSON)} - {GLOBAL}


def _all_scopes_of(scopes):
    """Every version of the wijken among these scopes: their own, and that of each part their rows belong to."""
    wijk_ids = _wijk_ids_of(scopes)
    return [
        scope
        for wijk_id in sorted(wijk_ids)
        for scope in (int(wijk_id), *(_part_scope(wijk_id, part) for part in (ALL_PARTS, *_parts())))
    ]


# Parts asked for that no wijk-scoped model belongs to (the Academy's courses are the same in every wijk).
_parts_asked = frozenset()


def _parts():
    """The parts of a wijk: the app labels of the rows its pages show, and those pages have asked for."""
    return sorted(_model_parts() | _parts_asked)


@functools.cache
def _model_parts():
    from django.apps import apps

    from .models import WijkScopedModel

    return frozenset(
        model._meta.app_label
        for model in apps.get_models()
        if issubclass(model, WijkScopedModel) and model.shown_on_public_pages
    )


def _wijk_version(wijk_id, parts=None):
    """The version what is kept for the wijk is kept under: the wijk's own, or with `parts` that of those parts."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return None
    if parts is None:
        return _current_version(wijk_id)
    global _parts_asked
    if not _parts_asked.issuperset(parts):
        _parts_asked = _parts_asked | set(parts)  # a new set, so that another thread never sees one change
    scopes = [_part_scope(wijk_id, part) for part in (ALL_PARTS, *sorted(parts))]
    versions = _current_versions(scopes)
    if any(versions[scope] is None for scope in scopes):
        return None
    return f"{'.'.join(sorted(parts))}-" + "".join(_short(versions[scope]) for scope in scopes)


def _page_key(request, scope):
    address = hashlib.sha256(f"{request.path}?{request.META.get('QUERY_STRING', '')}".encode()).hexdigest()
    return f"pagecache:p:{scope}:{get_language()}:{address}"


# The pages visitors read most are also kept in the process, so that they cost no round trip at all: a page
# for VISITOR_SECONDS after its wijk's version was read with it. A write on this process shows at once
# (`_bump`); a write on another one shows here at most VISITOR_SECONDS late.
VISITOR_SECONDS = 1
VISITOR_PAGES = 100
_visitor_versions = {}  # scope: the version read last, until when it is taken as the current one
_visitor_pages = OrderedDict()  # page key: (version, content type, body), in the order of last use


def _visitor_page(scope, page_key):
    now = time.monotonic()
    held = _visitor_versions.get(scope)
    if held is None or held[0] <= now:
        return None
    with _local_lock:
        stored = _visitor_pages.get(page_key)
        if stored is None or stored[0] != held[1]:
            return None
        _visitor_pages.move_to_end(page_key)
    return stored


def _remember_visitor_page(scope, page_key, stored):
    _visitor_versions[scope] = (time.monotonic() + VISITOR_SECONDS, stored[0])
    with _local_lock:
        _visitor_pages[page_key] = stored
        _visitor_pages.move_to_end(page_key)
        while len(_visitor_pages) > VISITOR_PAGES:
            _visitor_pages.popitem(last=False)


def forget_process_copies():
    """Drop what this process keeps of the shared cache (tests do, as the cache is emptied between them)."""
    with _local_lock:
        _local.clear()
        _visitor_pages.clear()
    _visitor_versions.clear()


def _fill(request, body):
    nonce = str(getattr(request, "csp_nonce", ""))
    body = body.replace(NONCE, nonce)
    # Only a page with a form asks for a token (and so sets the CSRF cookie): the map's JSON, say, doesn't.
    return body.replace(CSRF, get_token(request)) if CSRF in body else body


class PageCacheMiddleware:
    """Last in MIDDLEWARE, so the wijk, its language and its time zone are known when a page is looked up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seen, current = _versions_seen.set({}), _request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _versions_seen.reset(seen)
            _request.reset(current)
        key = getattr(request, "_page_cache_key", None)
        if key and not getattr(response, "_from_page_cache", False):
            _store(request, response, key)
        if key:
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _cacheable_request(request):
            return None
        scope = _scope(request)
        if scope is None:  # an API address of no live wijk: the view answers 404
            return None
        page_key = _page_key(request, scope)
        stored = _visitor_page(scope, page_key)
        if stored is None:
            # The page is kept with the version it was rendered at: one round trip reads both.
            version_key = _version_key(scope)
            found = cache.get_many([version_key, page_key])
            version = found.get(version_key) or _current_version(scope)
            seen = _versions_seen.get()
            if seen is not None and version is not None:
                seen[scope] = version
            if version is None:  # the cache is down: pages are rendered as if there were none
                return None
            request._page_cache_key = (page_key, version)
            stored = found.get(page_key)
            if stored is None or stored[0] != version:
                return None
            _remember_visitor_page(scope, page_key, stored)
        request._page_cache_key = (page_key, stored[0])
        _version, content_type, body = stored
        response = HttpResponse(_fill(request, body), content_type=content_type)
        response._from_page_cache = True
        return response


def kept_until_wijk_changes(wijk, name, read, *, parts=None):
    """What `read()` returns, kept until the wijk's version changes (any write to it) or PAGE_CACHE_SECONDS pass.

    For what a member's pages read on every request and only a write to the wijk can change: their roles,
    the ids on the first page of the feed. `name` says what it is and for whom. With `parts` (app labels), it
    is kept until a write to one of those parts of the wijk, or to all of it. Without a cache: `read()`."""
    version = _wijk_version(wijk.pk, parts)
    if version is None:
        return read()
    key = f"pagecache:k:{wijk.pk}:{version}:{name}"
    stored = _versioned_get_many([key]).get(key)
    if stored is None:
        stored = (read(),)  # in a tuple, so that a None read is kept too
        _versioned_set_many({key: stored})
    return stored[0]


# What is kept under a wijk's version never changes: a write makes a new version, and so new keys. So each
# process also keeps what it read or wrote last in its own memory, for a few seconds: a member's page then
# asks Redis only for the wijk's version and what is new since. A dict in the order of last use.
_local = OrderedDict()
_local_lock = threading.Lock()
LOCAL_ITEMS = 500
LOCAL_SECONDS = 5


def _versioned_get_many(keys):
    now = time.monotonic()
    found = {}
    with _local_lock:
        for key in keys:
            item = _local.get(key)
            if item is not None and item[0] > now:
                _local.move_to_end(key)
                found[key] = item[1]
    # Each request gets its own copy of what is not text (a read's rows): a view may change what it gets.
    found = {key: pickle.loads(value) if isinstance(value, bytes) else value for key, value in found.items()}  # noqa: S301 - made by _remember in this process
    missing = [key for key in keys if key not in found]
    if missing:
        stored = cache.get_many(missing)
        _remember(stored)
        found.update(stored)
    return found


def _versioned_set_many(values):
    cache.set_many(values, settings.PAGE_CACHE_SECONDS)
    _remember(values)


def _remember(values):
    expires = time.monotonic() + min(LOCAL_SECONDS, settings.PAGE_CACHE_SECONDS)
    kept = {key: value if isinstance(value, str) else pickle.dumps(value) for key, value in values.items()}
    with _local_lock:
        for key, value in kept.items():
            _local[key] = (expires, value)
            _local.move_to_end(key)
        while len(_local) > LOCAL_ITEMS:
            _local.popitem(last=False)


def kept_until_forgotten(name, read):
    """What `read()` returns, kept until a write that changes it calls `forget(name)`, or PAGE_CACHE_SECONDS pass.

    For what a person sees on every page and no write to a wijk's pages announces: their unread
    notifications and messages. `name` says what it is and for whom. Without a cache: `read()`. A name that a
    member's pages read on every request is best registered with `read_ahead`."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return read()
    key = _forgettable_key(name)
    seen = _versions_seen.get()
    stored = seen.pop(key, None) if seen is not None else None  # read ahead: once
    if stored is None:
        stored = cache.get(key)
    if stored is None or stored is MISSING:
        stored = (read(),)
        cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
    return stored[0]


# Functions (wijk id, person id) -> a `kept_until_forgotten` name that a member's pages in that wijk read on
# every request (the bell's count): read in the same round trip as the wijk's versions, not one each.
_names_read_ahead = []


def read_ahead(name_for):
    """Register `name_for(wijk_id, person_id)`, a name a member's pages read with `kept_until_forgotten`."""
    _names_read_ahead.append(name_for)


def _keys_read_ahead(scopes, person_id=None):
    if person_id is None:
        # Only for a person known already: reading the versions must never be what loads the session.
        person = getattr(_request.get(), "_cached_user", None)  # set by django.contrib.auth once request.user is read
        if person is None or not person.is_authenticated:
            return []
        person_id = person.pk
    return [
        _forgettable_key(name_for(int(wijk_id), person_id))
        for wijk_id in _wijk_ids_of(scopes)
        for name_for in _names_read_ahead
    ]


# A person's own version changes with every save of their row (a new name, password or language, a
# deactivation): what a process keeps of them (accounts/backends.py) is good while it holds.
PERSON = "person:"


def person_version(person_id, *, keys=()):
    """The version of this person's row; None without a cache. Read with the versions of the request's wijk
    and what its pages read ahead for the person: the one round trip a member's page makes."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return None
    scope = f"{PERSON}{person_id}"
    wijk = getattr(_request.get(), "wijk", None)
    return _current_versions([scope] if wijk is None else [scope, wijk.pk], person_id=person_id, keys=keys)[scope]


_NOT_READ = object()


def read_with_versions(key, person_id):
    """The cache's value under `key` (None if it has none), read in the round trip that reads this person's
    version with the request's wijk versions: for their session, whose person the process knows from before."""
    seen = _versions_seen.get()
    if seen is not None:
        person_version(person_id, keys=[key])
        value = seen.pop(key, _NOT_READ)
        if value is not _NOT_READ:  # read now (not earlier in the request: nothing was read then)
            return None if value is MISSING else value
    return cache.get(key)


def people_changed(person_ids):
    """What is kept of these people is out of date (for a change that does not go through `save()`)."""
    scopes = {f"{PERSON}{person_id}" for person_id in person_ids}
    if scopes:
        _bump(scopes)
        transaction.on_commit(lambda: _bump(scopes))


def _forgettable_key(name):
    return f"pagecache:p:{name}"


def forget(names):
    keys = [_forgettable_key(name) for name in names]
    seen = _versions_seen.get()
    for key in keys if seen is not None else ():
        seen.pop(key, None)
    cache.delete_many(keys)
    # Once more after commit: a page read during the transaction may have kept the old value.
    transaction.on_commit(lambda: cache.delete_many(keys))


def cached_fragments(request, items, *, key, render, placeholders=None, parts=None):
    """The HTML of each item, rendered once per wijk version, language and time zone, and shared by all readers.

    For pages that differ per member and so are never kept whole (a member's feed), the parts that are the
    same for everyone are: a post card costs more to render than the rest of the page. `key(item)` names the
    item and whatever in it differs per reader (liked or not); `render(items)` renders those not kept, in one
    go, as a list, with `CSRF` for the token and the keys of `placeholders` for the rest that differs per
    request; both are filled in here. `parts(item)`, if given, names the parts of the wijk an item shows (as
    for `kept_until_wijk_changes`). Kept as long as a page (`PAGE_CACHE_SECONDS`); without a cache, or with
    it switched off, every item is rendered.
    """
    wijk_id = request.wijk.pk
    versions_by_parts = {}  # most items show the same parts: their version is worked out once

    def version_of(item):
        shown = None if parts is None else tuple(parts(item))
        if shown not in versions_by_parts:
            versions_by_parts[shown] = _wijk_version(wijk_id, shown)
        return versions_by_parts[shown]

    versions = [version_of(item) for item in items]
    where = f"{get_language()}:{get_current_timezone_name()}"
    names = [
        f"pagecache:f:{wijk_id}:{version}:{where}:{key(item)}" for version, item in zip(versions, items, strict=True)
    ]
    stored = _versioned_get_many(names) if names and all(versions) else {}
    missing = [(name, item) for name, item in zip(names, items, strict=True) if name not in stored]
    if missing:
        rendered = dict(zip([name for name, _ in missing], render([item for _, item in missing]), strict=True))
        if all(versions):
            _versioned_set_many(rendered)
        stored.update(rendered)
    fills = {mark: escape(value) for mark, value in (placeholders or {}).items()}
    fragments = []
    for name in names:
        html = stored[name]
        if CSRF in html:
            html = html.replace(CSRF, _csrf_token(request))
        for mark, value in fills.items():
            html = html.replace(mark, value)
        fragments.append(mark_safe(html))  # noqa: S308 - our templates, autoescaped; the fills escaped above
    return fragments


def _csrf_token(request):
    """The request's CSRF token, masked once for all its kept fragments (each masking costs random numbers)."""
    if not hasattr(request, "_kept_csrf_token"):
        request._kept_csrf_token = get_token(request)
    return request._kept_csrf_token


NAME = "\x00name\x00"
BELL = "\x00bell\x00"


def _hole(name):
    return f"\x00hole:{name}\x00"


def render_shared(request, template_name, context, *, holes=None, variant="", parts=None):
    """A member's page rendered once for everyone who may do the same things in the wijk, and kept like a card.

    For a page whose frame (header, navigation, headings, forms) is the same for every member with the same
    roles, once the parts that differ per member are rendered already: `holes` (name: HTML, each placed in the
    template as `{{ name }}`). `context` may be a function that reads it, so a kept page costs no query. The
    frame is kept per wijk version, language, time zone, address and what the member may do
    (`capabilities_key`), and per `variant`: a few facts about the member that the frame shows (liked this
    post or not), where a hole would cost more than a few kept copies. With `parts`, the frame is kept until a
    write to one of those parts of the wijk (see `cached_fragments`). Their name, their notification bell,
    the CSRF token, the CSP nonce and the holes are filled in per request. Visitors (whose whole page the
    middleware keeps), a page with a flash message to show and very long addresses are rendered as usual.
    """
    from django.contrib.messages import get_messages
    from django.shortcuts import render
    from django.template.loader import render_to_string

    from wijkplatform.notifications.templatetags.notifications import bell_html

    from .capabilities import capabilities_key

    holes = holes or {}
    user, path = request.user, request.get_full_path()
    if not user.is_authenticated or len(path) > 300 or len(get_messages(request)):
        return render(request, template_name, {**_read(context), **holes})
    nonce = str(request.csp_nonce)

    def render_frame(_names):
        # An empty hole stays empty (a template may ask `{% if form %}`); which are empty is part of the key.
        marks = {name: _hole(name) if html else "" for name, html in holes.items()} | {"bell": BELL}
        placeholders = {name: mark_safe(mark) for name, mark in marks.items()}  # noqa: S308 - no user data
        frame_context = {**_read(context), **placeholders, "account_name": NAME, "csrf_token": CSRF}
        return [render_to_string(template_name, frame_context, request).replace(nonce, NONCE)]

    empty = "".join("1" if html else "0" for html in holes.values())
    # What the frame is kept by, hashed: with many roles it would make a key longer than memcached takes.
    shape = hashlib.sha256(f"{capabilities_key(user, request.wijk)}:{empty}:{variant}:{path}".encode()).hexdigest()
    [frame] = cached_fragments(
        request,
        [template_name],
        key=lambda name: f"frame:{name}:{shape}",
        render=render_frame,
        parts=None if parts is None else lambda _name: parts,
    )
    fills = {NONCE: nonce, NAME: escape(user.name), BELL: bell_html(request)}
    fills.update((_hole(name), html) for name, html in holes.items())
    for mark, value in fills.items():
        frame = frame.replace(mark, value)
    return HttpResponse(frame)


def _read(context):
    return context() if callable(context) else context


def _store(request, response, key):
    session = getattr(request, "session", None)
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or request.user.is_authenticated
        or (session is not None and session.modified)
    ):
        return
    body = response.content.decode(response.charset)
    nonce = str(getattr(request, "csp_nonce", "") or "")
    if nonce:
        body = body.replace(nonce, NONCE)
    # One render puts one CSRF token everywhere it is asked for (forms, htmx headers): keep it as a placeholder.
    token = CSRF_FIELD.search(body)
    if token:
        body = body.replace(token.group(1), CSRF)
    elif "X-CSRFToken" in body:
        return
    page_key, version = key
    cache.set(page_key, (version, response["Content-Type"], body), settings.PAGE_CACHE_SECONDS)


def _wijk_saved(sender, instance, **kwargs):
    wijks_changed({instance.pk}, directory=True)


def _person_saved(sender, instance, created, update_fields=None, **kwargs):
    # A new name, photo or privacy choice shows on every wijk the person belongs to; logging in does not.
    if created or (update_fields and set(update_fields) <= {"last_login", "password"}):
        return
    from wijkplatform.core.tenancy import cross_wijk
    from wijkplatform.wijken.models import Membership

    with cross_wijk("a person's own memberships"):
        wijks_changed(set(Membership.objects.filter(user=instance).values_list("wijk_id", flat=True)))


def _person_row_changed(sender, instance, **kwargs):
    people_changed([instance.pk])


def connect():
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_delete, post_save

    from wijkplatform.wijken.models import Wijk

    post_save.connect(_wijk_saved, sender=Wijk, dispatch_uid="pagecache.wijk")
    post_delete.connect(_wijk_saved, sender=Wijk, dispatch_uid="pagecache.wijk_deleted")
    post_save.connect(_person_saved, sender=get_user_model(), dispatch_uid="pagecache.person")
    post_save.connect(_person_row_changed, sender=get_user_model(), dispatch_uid="pagecache.person_row")
    post_delete.connect(_person_row_changed, sender=get_user_model(), dispatch_uid="pagecache.person_row_deleted")
