from django import template

from wijkplatform.core.capabilities import can as _can
from wijkplatform.core.richtext import render_markdown

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, capability, wijk=None):
    """{% can "story.publish" wijk as may_publish %}"""
    request = context["request"]
    return _can(request.user, capability, wijk or getattr(request, "wijk", None))


@register.filter
def markdown(text):
    return render_markdown(text)


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)
