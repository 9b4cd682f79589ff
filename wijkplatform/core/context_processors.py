from django.conf import settings

from .navigation import wijk_nav_items


def platform(request):
    wijk = getattr(request, "wijk", None)
    return {
        "BRAND_NAME": settings.BRAND_NAME,
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "wijk": wijk,
        "wijk_nav_items": wijk_nav_items(request) if wijk else [],
    }
