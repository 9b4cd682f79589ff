"""The shared rate limiter: a fixed window per key, counted in the cache."""

from unittest import mock

from django.core.cache import cache

from wijkplatform.core import ratelimit


def test_under_the_limit_then_over_it():
    assert [ratelimit.hit("t:a", limit=3, seconds=60) for _ in range(5)] == [False, False, False, True, True]


def test_keys_count_apart():
    assert not ratelimit.hit("t:a", limit=1, seconds=60)
    assert ratelimit.hit("t:a", limit=1, seconds=60)
    assert not ratelimit.hit("t:b", limit=1, seconds=60)


def test_a_new_window_starts_when_the_old_one_expires():
    assert not ratelimit.hit("t:a", limit=1, seconds=60)
    assert ratelimit.hit("t:a", limit=1, seconds=60)
    cache.delete("t:a")  # what the cache does when the window of 60 seconds is over
    assert not ratelimit.hit("t:a", limit=1, seconds=60)


def test_the_window_is_fixed_from_the_first_hit():
    with mock.patch.object(cache, "add", wraps=cache.add) as add:
        ratelimit.hit("t:a", limit=5, seconds=60)
        ratelimit.hit("t:a", limit=5, seconds=60)
    assert add.call_args_list == [mock.call("t:a", 1, 60), mock.call("t:a", 1, 60)]  # add never resets a live key
    assert cache.get("t:a") == 2


def test_key_expiring_between_add_and_incr_counts_as_a_first_hit():
    with mock.patch.object(cache, "add", return_value=False), mock.patch.object(cache, "incr", side_effect=ValueError):
        assert not ratelimit.hit("t:a", limit=1, seconds=60)
    assert cache.get("t:a") == 1


def test_a_cache_that_does_not_answer_lets_the_request_through():
    with mock.patch.object(cache, "add", return_value=None), mock.patch.object(cache, "incr", return_value=None):
        assert not ratelimit.hit("t:a", limit=1, seconds=60)
