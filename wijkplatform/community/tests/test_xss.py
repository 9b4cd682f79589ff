"""Script never runs: user text with HTML and script is shown as text or sanitised, in every page."""

from html.parser import HTMLParser

import pytest

from wijkplatform.community.services import comment_create, initiative_create, post_create

from .helpers import url

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "[click me](javascript:alert(1))",
    '<a href="javascript:alert(1)">link</a>',
    '<iframe src="https://evil.example"></iframe>',
    '"><script>alert(2)</script>',
    "<body onload=alert(3)>",
    "<details open ontoggle=alert(4)>",
    '![x](x" onerror="alert(5))',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(6)>",
    "<scr<script>ipt>alert(7)</script>",
    "@<script>alert(8)</script>",
]


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_no_script_from_user(page):
    parser = Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        if tag in {"script", "style"}:
            assert "nonce" in attrs, (tag, attrs)  # only the platform's own, with the CSP nonce
        assert tag not in {"iframe", "object", "embed", "math", "frame", "base"}, tag
        for name, value in attrs.items():
            assert not name.lower().startswith("on"), (tag, attrs)
            if name in {"href", "src", "action", "formaction"}:
                assert not (value or "").strip().lower().startswith(("javascript:", "data:text")), (
                    tag,
                    attrs,
                )
    assert len([t for t, _a in parser.tags if t == "body"]) == 1


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_posts_comments_and_initiatives_never_become_script(client, wijk, alice, bob, payload):
    post = post_create(wijk=wijk, author=alice, kind="message", text=f"Hallo {payload}")
    comment_create(wijk=wijk, post=post, author=bob, text=payload)
    initiative = initiative_create(wijk=wijk, title=payload[:140], description=payload, tasks=[payload[:140]], by=alice)
    client.force_login(bob)
    for address in (
        url("feed", wijk),
        url("post_detail", wijk, pk=post.pk),
        f"/{wijk.slug}/",
        url("initiatives", wijk),
        url("initiative_detail", wijk, pk=initiative.pk),
    ):
        response = client.get(address)
        assert response.status_code == 200
        assert_no_script_from_user(response.content.decode())
    rss = client.get(url("feed_rss", wijk)).content.decode()
    assert "<script" not in rss.lower()


def test_payload_in_a_refused_form_is_shown_as_text(client, wijk, alice):
    client.force_login(alice)
    data = {
        "kind": "dislike",
        "text": "<script>alert(1)</script>",
        "category": "general",
        "audience": "public",
    }
    response = client.post(url("post_create", wijk), data)
    assert response.status_code == 400
    assert_no_script_from_user(response.content.decode())
