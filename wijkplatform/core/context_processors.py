from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .navigation import wijk_nav_items


def platform(request):
    wijk = getattr(request, "wijk", None)
    return {
        "BRAND_NAME": settings.BRAND_NAME,
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "wijk": wijk,
        # Worked out only by a template that shows the menu: not by the parts of a page rendered on their own.
        "wijk_nav_items": SimpleLazyObject(lambda: wijk_nav_items(request)) if wijk else [],
    }
