from django.conf import settings
from ninja import NinjaAPI

from . import problems
from .auth import Address, TokenOrAddress
from .views import router

api = NinjaAPI(
    title=f"{settings.BRAND_NAME} API",
    version="1",
    description="Read what wijken publish; with a personal access token, post, comment, like and RSVP.",
    urls_namespace="api-1",
    throttle=[TokenOrAddress(settings.API_RATE_PER_TOKEN), Address(settings.API_RATE_PER_ADDRESS)],
    openapi_url="/openapi.json",
    docs_url="/docs",
)
problems.install(api)
api.add_router("/", router)
