"""Markdown in, safe HTML out. Text is stored as typed; it is rendered then sanitised with nh3."""

import threading
from functools import lru_cache

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "hr", "img", "figure", "figcaption",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"}}
URL_SCHEMES = {"http", "https", "mailto"}
_local = threading.local()


def _markdown():
    """One Markdown converter per thread: making one costs more than converting a short text."""
    if not hasattr(_local, "converter"):
        _local.converter = markdown.Markdown(extensions=["sane_lists", "nl2br"], output_format="html")
    return _local.converter


@lru_cache(maxsize=4096)
def render_markdown(text):
    """Markdown to sanitised HTML, safe to put in a page as it is.

    Memoised: a feed renders the same texts again and again, and Markdown is the slowest part of a page.
    """
    html = _markdown().reset().convert(text or "")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener ugc",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def plain_text(text):
    """The words of a Markdown text without any markup, for snippets, feeds and search."""
    html = markdown.markdown(text or "")
    return nh3.clean(html, tags=set()).strip()
