import pytest

from wijkplatform.community.templatetags.community import post_text


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Kijk op https://www.rotterdam.nl/grofvuil.",
            '<a href="https://www.rotterdam.nl/grofvuil" rel="nofollow noopener ugc">',
        ),
        (
            "[de gemeente](https://rotterdam.nl)",
            '<a href="https://rotterdam.nl" rel="nofollow noopener ugc">de gemeente</a>',
        ),
        ("<https://example.org/a?b=1&c=2>", 'href="https://example.org/a?b=1&amp;c=2"'),
    ],
)
def test_web_addresses_become_links_without_a_preview(text, expected):
    assert expected in post_text(text)


def test_no_script_gets_in_through_a_link():
    from .test_xss import Tags

    parser = Tags()
    parser.feed(str(post_text('https://x.org/"onmouseover="alert(1) and javascript:alert(2) <script>x</script>')))
    for tag, attrs in parser.tags:
        assert tag != "script"
        assert not any(name.startswith("on") for name in attrs)
        assert not attrs.get("href", "").startswith("javascript")
