"""What is kept under a wijk's version is also kept in the process's memory for a few seconds: it never changes
under that version, so a page need not ask the shared cache for it again. A write still shows at once."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from wijkplatform.core import pagecache
from wijkplatform.core.testing.cache import round_trips
from wijkplatform.core.testing.clients import logged_in
from wijkplatform.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def reads():
    calls = []

    def read(value="first"):
        calls.append(value)
        return value

    read.calls = calls
    return read


def test_a_kept_read_is_served_from_the_process_without_the_shared_cache(wijk, reads):
    assert pagecache.kept_until_wijk_changes(wijk, "thing", reads) == "first"
    for key in [key for key in pagecache._local if ":thing" in key]:
        cache.delete(key)  # gone from the shared cache: the process still has it
    assert pagecache.kept_until_wijk_changes(wijk, "thing", lambda: reads("second")) == "first"
    assert reads.calls == ["first"]


def test_a_write_to_the_wijk_shows_at_once(wijk, reads):
    pagecache.kept_until_wijk_changes(wijk, "thing", reads)
    pagecache.wijks_changed({wijk.pk})  # in any process: the version lives in the shared cache
    assert pagecache.kept_until_wijk_changes(wijk, "thing", lambda: reads("second")) == "second"


def test_after_a_few_seconds_the_shared_cache_is_asked_again(wijk, reads, monkeypatch):
    pagecache.kept_until_wijk_changes(wijk, "thing", reads)
    now = pagecache.time.monotonic()
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: now + pagecache.LOCAL_SECONDS + 1)
    for key in [key for key in pagecache._local if ":thing" in key]:
        cache.delete(key)
    assert pagecache.kept_until_wijk_changes(wijk, "thing", lambda: reads("second")) == "second"


def test_the_process_keeps_no_more_than_its_limit(wijk, monkeypatch):
    monkeypatch.setattr(pagecache, "LOCAL_ITEMS", 3)
    for n in range(5):
        pagecache.kept_until_wijk_changes(wijk, f"item-{n}", lambda n=n: n)
    kept = [key for key in pagecache._local if ":item-" in key]
    assert len(pagecache._local) <= 3 and [key[-1] for key in kept] == ["2", "3", "4"]


def test_a_request_reads_the_wijks_version_once_and_sees_its_own_writes(wijk, reads):
    seen = pagecache._versions_seen.set({})
    try:
        first = pagecache._current_version(wijk.pk)
        cache.set(pagecache._version_key(wijk.pk), "changed-elsewhere")  # read once: this request goes on
        assert pagecache._current_version(wijk.pk) == first
        pagecache.kept_until_wijk_changes(wijk, "thing", reads)
        pagecache.wijks_changed({wijk.pk})  # a write in this request is seen by its later reads
        assert pagecache._current_version(wijk.pk) not in (first, "changed-elsewhere")
        assert pagecache.kept_until_wijk_changes(wijk, "thing", lambda: reads("second")) == "second"
    finally:
        pagecache._versions_seen.reset(seen)


def test_each_request_gets_its_own_copy_of_a_kept_read(wijk):
    first = pagecache.kept_until_wijk_changes(wijk, "rows", lambda: ["a"])
    first.append("changed by a view")
    assert pagecache.kept_until_wijk_changes(wijk, "rows", lambda: ["b"]) == ["a"]


def test_a_members_kept_home_asks_the_shared_cache_once(wijk, bob, monkeypatch):
    """The wijk's versions, the bell's count and the unread messages come in one round trip (`read_ahead`);
    the session is the only other (with the sessions in the cache, as in production)."""
    Notification.objects.create(wijk=wijk, recipient=bob, kind="mention", title="Alice noemde je")
    as_bob = logged_in(bob)
    address = reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})
    as_bob.get(address)  # the wijk's first view writes its default guidelines: the view after it is kept
    as_bob.get(address)
    calls = round_trips(monkeypatch, sessions=False)
    page = as_bob.get(address).content.decode()
    assert calls == ["get_many"]
    assert "(1 unread)" in page  # the bell's count, read ahead
