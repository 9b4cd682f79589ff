import copy
import datetime
import time

from django.apps import apps
from django.core.cache import cache
from django.core.validators import slug_re
from django.db.models import Count, F, FilteredRelation, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.capabilities import REPORTER, RESIDENT
from wijkplatform.core.tenancy import cross_wijk

from . import places
from .models import DEFAULT_COLOUR, Membership, RoleAssignment, Wijk, WijkRequest


def wijken_public():
    return Wijk.objects.filter(is_active=True, visibility=Wijk.Visibility.PUBLIC)


LIVE_WIJK_SECONDS = 300


def _live_wijk_key(slug):
    return f"wijk:live:{slug}"


# This process's own copies, for a few seconds: a page from the page cache then needs one round trip less.
# A change made in another process shows here at most LOCAL_WIJK_SECONDS later.
LOCAL_WIJK_SECONDS = 2
_local_wijken = {}


def wijk_get_live(*, slug):
    """The live wijk at this address, or None. Every request of a wijk asks: it is kept in the cache, which
    a save of the wijk empties (`wijk_forget`), and for a moment in the process itself."""
    if not slug_re.match(slug):  # no wijk has such an address: ask nobody (and keep odd text out of cache keys)
        return None
    now = time.monotonic()
    local = _local_wijken.get(slug)
    if local is not None and local[0] > now:
        return copy.copy(local[1])  # a request may change its wijk; the kept one stays as read
    wijk = cache.get(_live_wijk_key(slug))
    if wijk is None:
        wijk = Wijk.objects.filter(slug=slug, is_active=True).first()
        if wijk is not None:
            cache.set(_live_wijk_key(slug), wijk, LIVE_WIJK_SECONDS)
    if wijk is not None:
        _local_wijken[slug] = (now + LOCAL_WIJK_SECONDS, copy.copy(wijk))
    return wijk


def wijk_forget(sender, instance, **kwargs):
    """A wijk was saved or deleted: the next request reads it from the database again."""
    _local_wijken.pop(instance.slug, None)
    cache.delete(_live_wijk_key(instance.slug))


def wijk_forget_all():
    """Forget this process's copies of every wijk (tests, where the database is emptied between runs)."""
    _local_wijken.clear()


def membership_of(*, wijk, user):
    if not user.is_authenticated:
        return None
    return Membership.objects.in_wijk(wijk).filter(user=user).first()


def membership_and_roles(*, wijk, user):
    """The person's membership of the wijk (pending or active, or None) and the roles it gives them, MFA not yet
    considered (that is `capabilities.roles_of`): one query, a row per role assigned."""
    rows = list(
        Membership.objects.in_wijk(wijk)
        .filter(user=user)
        .annotate(assigned=FilteredRelation("user__wijk_roles", condition=Q(user__wijk_roles__wijk=wijk)))
        .annotate(role=F("assigned__role"))
    )
    if not rows:
        return None, set()
    membership = rows[0]
    if membership.status != Membership.Status.ACTIVE:
        return membership, set()
    return membership, {RESIDENT, *(row.role for row in rows if row.role)}


def members(*, wijk, status=Membership.Status.ACTIVE):
    return (
        Membership.objects.in_wijk(wijk)
        .filter(status=status)
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )


def roles_by_user(*, wijk, user_ids):
    """{user_id: [role, ...]} for a page of members: one query."""
    result = {}
    rows = RoleAssignment.objects.in_wijk(wijk).filter(user_id__in=user_ids).values_list("user_id", "role")
    for user_id, role in rows:
        result.setdefault(user_id, []).append(role)
    return result


def member_get_for(*, wijk, user_id):
    """The active member of this wijk with this user id; None for anyone else (the caller 404s)."""
    return members(wijk=wijk).filter(user_id=user_id).first()


def wijken_of(*, user):
    """The wijken a person belongs to: their own memberships, across wijken on purpose."""
    if not user.is_authenticated:
        return Wijk.objects.none()
    with cross_wijk("a person's own memberships"):
        ids = list(
            Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values_list("wijk_id", flat=True)
        )
    return Wijk.objects.filter(pk__in=ids, is_active=True)


def shares_a_wijk(*, user, other):
    """Whether two people are active members of at least one common wijk."""
    with cross_wijk("people who share a wijk"):
        mine = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values("wijk_id")
        return Membership.objects.filter(
            user=other, status=Membership.Status.ACTIVE, wijk_id__in=mine
        ).exists()


def wijk_requests_open():
    return (
        WijkRequest.objects.filter(status=WijkRequest.Status.OPEN)
        .select_related("requester")
        .annotate(signature_count=Count("signatures"))
        .order_by("created_at")
    )


def wijk_request_by_token(*, token):
    return (
        WijkRequest.objects.filter(share_token=token)
        .select_related("requester", "wijk", "merged_into")
        .annotate(signature_count=Count("signatures"))
        .first()
    )


def wijk_requests_near(*, wijk_request):
    """Other open requests close to this one: probably the same neighbourhood."""
    others = WijkRequest.objects.filter(status=WijkRequest.Status.OPEN, country=wijk_request.country).exclude(
        pk=wijk_request.pk
    )
    return [
        other for other in others
        if places.distance_km(wijk_request.latitude, wijk_request.longitude, other.latitude, other.longitude)
        <= places.NEARBY_KM
    ]


def directory(*, query=""):
    """Live public wijken for the directory, by name, searchable by name, city or country."""
    wijken = wijken_public()
    if query:
        wijken = wijken.filter(Q(name__icontains=query) | Q(city__icontains=query) | Q(country__iexact=query))
    return wijken.order_by("name", "pk")


def _placed(wijken):
    return wijken.filter(latitude__isnull=False, longitude__isnull=False)


def directory_has_markers(wijken):
    """Whether the directory's map has anything to show: one cheap query instead of the markers themselves."""
    return _placed(wijken).exists()


def directory_markers(wijken):
    """Name, address and place of each wijk, for the directory's map (all of them, not one page).

    The map fetches them from their own address (views.directory_markers), so the directory's pages stay small."""
    # One reverse() for all of them: a thousand would take longer than the query (15 µs each).
    before, _slug, after = reverse("wijken:home", kwargs={"wijk_slug": "-"}).rpartition("-")
    return [
        {"name": name, "url": f"{before}{slug}{after}", "lat": float(lat), "lon": float(lon)}
        for name, slug, lat, lon in _placed(wijken).values_list("name", "slug", "latitude", "longitude")
    ]


def with_activity(wijken):
    """The wijken (one page of the directory) with their members and posts of the last 30 days."""
    # The model is looked up by name: the community builds on wijken.
    Post = apps.get_model("community", "Post")
    since = timezone.now() - datetime.timedelta(days=30)
    with cross_wijk("the directory counts members and posts of every public wijk on its page"):
        sizes = dict(
            Membership.objects.filter(wijk__in=wijken, status=Membership.Status.ACTIVE)
            .values_list("wijk_id")
            .annotate(n=Count("id"))
            .values_list("wijk_id", "n")
        )
        activity = dict(
            Post.objects.filter(wijk__in=wijken, created_at__gte=since)
            .values_list("wijk_id")
            .annotate(n=Count("id"))
            .values_list("wijk_id", "n")
        )
    for wijk in wijken:
        wijk.member_count = sizes.get(wijk.pk, 0)
        wijk.recent_posts = activity.get(wijk.pk, 0)
    return wijken


def onboarding_checklist(*, wijk):
    """The new coordinator's first steps, ticked off by what the wijk already has."""
    # Events and points build on wijken: a module-level import would be circular.
    from wijkplatform.events.models import Event
    from wijkplatform.points.models import Point

    return [
        ("branding", _("Give the wijk its logo and colour"), bool(wijk.logo) or wijk.colour != DEFAULT_COLOUR),
        ("point", _("Add the first LikeJeWijk Point"), Point.objects.in_wijk(wijk).exists()),
        ("reporters", _("Invite reporters"), RoleAssignment.objects.in_wijk(wijk).filter(role=REPORTER).exists()),
        ("event", _("Publish the first event"), Event.objects.in_wijk(wijk).exists()),
        ("guidelines", _("Review the community guidelines"), wijk.guidelines_reviewed_at is not None),
    ]
