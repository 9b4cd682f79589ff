from django.utils.translation import gettext as _

from wijkplatform.core.capabilities import can

from .backends import MAX_QUERY, get_backend
from .models import Kind

PAGE_SIZE = 20


def search_wijk(*, request):
    """The context of the search page: parse ?q=&kind=&page=, ask the backend."""
    wijk, user = request.wijk, request.user
    query = (request.GET.get("q") or "").strip()
    kind = request.GET.get("kind") or ""
    errors = []
    if kind and kind not in Kind.values:
        errors.append(_("There is no kind “%(kind)s” to search in.") % {"kind": kind[:40]})
        kind = ""
    if len(query) > MAX_QUERY:
        errors.append(_("Your search is too long; the first %(n)s characters are used.") % {"n": MAX_QUERY})
        query = query[:MAX_QUERY]
    try:
        page = max(1, min(int(request.GET.get("page") or 1), 50))
    except ValueError:
        page = 1
    results = None
    if query:
        results = get_backend().search(
            wijk=wijk,
            query=query,
            kinds=[kind] if kind else None,
            members=can(user, "wijk.view_members_only", wijk),
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
    kinds = [
        {"value": value, "label": label, "count": (results.kind_counts.get(value, 0) if results else None)}
        for value, label in Kind.choices
    ]
    return {
        "query": query,
        "kind": kind,
        "kinds": kinds,
        "kind_labels": dict(Kind.choices),
        "results": results,
        "page": page,
        "errors": errors,
    }
