"""The cross-wijk leak walker: asks every page under /<wijk>/ for two wijken and fails on any leak.

Each app tells the walker how to make a sample of its content in a wijk, in `<app>/tests/leak_samples.py`:

    from wijkplatform.core.testing.leakwalk import sample

    @sample
    def posts(wijk, marker, author):
        post = PostFactory(wijk=wijk, author=author, text=marker)
        return {"community:post_detail": {"pk": post.pk}}

`marker` is a unique text to put in the sample's visible content; `author` is a member of that wijk with
every role. The walker makes samples in wijk A, then, as a member of wijk B with every role:
- asks every URL whose pattern takes arguments, with A's arguments under B's address: it must be a 404
  (GET and POST);
- asks every URL without arguments under B's address: it must not show A's marker.
A URL pattern that takes arguments but has no sample fails the walk: every page must be walked.
"""

import importlib

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

SAMPLES = []

# URL names whose arguments are not objects of a wijk (nothing to leak), with the reason.
NOT_OBJECT_URLS = {}


def sample(func):
    SAMPLES.append(func)
    return func


def load_samples():
    for config in apps.get_app_configs():
        if config.name.startswith("wijkplatform."):
            try:
                importlib.import_module(f"{config.name}.tests.leak_samples")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.tests.leak_samples":
                    raise


def wijk_url_patterns():
    """(url name, argument names) of every named pattern below `<slug:wijk_slug>/`."""
    found = []

    def walk(patterns, prefix_ns, inside_wijk):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                here = inside_wijk or "<slug:wijk_slug>" in str(pattern.pattern)
                ns = prefix_ns
                if pattern.namespace:
                    ns = f"{prefix_ns}{pattern.namespace}:"
                walk(pattern.url_patterns, ns, here)
            elif isinstance(pattern, URLPattern) and inside_wijk and pattern.name:
                found.append((f"{prefix_ns}{pattern.name}", set(pattern.pattern.regex.groupindex)))

    walk(get_resolver().url_patterns, "", False)
    return found


def make_samples(wijk, marker, author):
    load_samples()
    kwargs_by_name = {}
    for func in SAMPLES:
        kwargs_by_name.update(func(wijk, marker, author) or {})
    return kwargs_by_name


def walk(client, *, wijk_a, wijk_b, marker, author_a):
    """Return a list of leaks (empty when none). `client` is logged in as a member of wijk B."""
    samples = make_samples(wijk_a, marker, author_a)
    problems = []
    for name, arg_names in wijk_url_patterns():
        object_args = arg_names - {"wijk_slug"}
        if object_args:
            if name in NOT_OBJECT_URLS:
                continue
            if name not in samples:
                problems.append(f"{name}: takes {sorted(object_args)} but has no leak sample")
                continue
            url = reverse(name, kwargs={"wijk_slug": wijk_b.slug, **samples[name]})
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if response.status_code not in (404, 405) or marker in _text(response):
                    problems.append(f"{method.upper()} {url} ({name}) gave {response.status_code}, not 404")
        else:
            url = reverse(name, kwargs={"wijk_slug": wijk_b.slug})
            response = client.get(url)
            if response.status_code >= 500:
                problems.append(f"GET {url} ({name}) gave {response.status_code}")
            elif marker in _text(response):
                problems.append(f"GET {url} ({name}) shows content of {wijk_a.slug}")
    return problems


def _text(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")
