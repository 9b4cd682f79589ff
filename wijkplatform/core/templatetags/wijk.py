from django import template
from django.urls import NoReverseMatch, reverse

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


@register.inclusion_tag("core/_report_link.html", takes_context=True)
def report_link(context, obj):
    """A 'Report' link for any content of the wijk; it appears once moderation is installed."""
    request = context["request"]
    url = None
    if request.user.is_authenticated and getattr(request, "wijk", None):
        try:
            url = reverse("moderation:report", kwargs={
                "wijk_slug": request.wijk.slug, "content": obj._meta.label_lower, "pk": obj.pk})
        except NoReverseMatch:
            url = None
    return {"report_url": url}
