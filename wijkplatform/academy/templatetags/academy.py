from django import template

from wijkplatform.academy.selectors import completed_role_courses

register = template.Library()


@register.inclusion_tag("academy/_role_badges.html")
def role_badges(user, role=None):
    """Academy courses for wijk roles this person completed: `{% load academy %}{% role_badges person %}`."""
    return {"role_courses": completed_role_courses(user=user, role=role)}
