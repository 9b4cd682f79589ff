import re

from django import template

from wijkplatform.core.richtext import render_markdown

register = template.Library()

# A bare web address in a post becomes a link (no preview is fetched: nothing leaves the platform).
BARE_URL = re.compile(r"(?<![<(\[\"'=])\bhttps?://[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?]")


@register.filter
def post_text(text):
    """A post or comment as sanitised HTML, with bare web addresses turned into links."""
    return render_markdown(BARE_URL.sub(lambda m: f"<{m.group(0)}>", text or ""))
