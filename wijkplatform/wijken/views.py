from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkplatform.accounts.selectors import profile_for
from wijkplatform.core.capabilities import ROLE_CHOICES, ROLES_NEEDING_MFA, can, membership_held, roles_held
from wijkplatform.core.navigation import wijk_home_sections
from wijkplatform.core.pagecache import render_shared
from wijkplatform.core.services import require

from . import selectors, services, transfer
from .forms import InviteForm, JoinForm, RolesForm, WijkSettingsForm
from .middleware import open_in_private_wijk

DIRECTORY_PAGE_SIZE = 48


def _directory_query(request):
    return request.GET.get("q", "").strip()[:100]


def directory(request):
    query = _directory_query(request)
    wijken = selectors.directory(query=query)
    page = Paginator(wijken, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    markers_url = None
    if selectors.directory_has_markers(wijken):  # the map fetches them: every page would carry them all
        markers_url = reverse("directory_markers") + (f"?{urlencode({'q': query})}" if query else "")
    return render(request, "wijken/directory.html", {
        "wijken": selectors.with_activity(list(page.object_list)), "page": page, "query": query,
        "markers_url": markers_url,
        "my_wijken": selectors.wijken_of(user=request.user),
    })


def directory_markers(request):
    """The directory's map: every wijk the directory (and its search) lists, for map.js to fetch.

    The same for every visitor: the page cache keeps one copy until a wijk is saved (pagecache.PUBLIC_PAGES)."""
    markers = selectors.directory_markers(selectors.directory(query=_directory_query(request)))
    response = JsonResponse(markers, safe=False)
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_SECONDS)
    return response


@open_in_private_wijk
def home(request):
    wijk, user = request.wijk, request.user
    membership = membership_held(user, wijk)  # a visitor's home is kept whole (core/pagecache.py)
    waiting_for_mfa = roles_held(user, wijk) & ROLES_NEEDING_MFA
    roles_waiting_for_mfa = sorted(waiting_for_mfa) if waiting_for_mfa and not user.has_mfa else []

    def page_context():
        checklist = selectors.onboarding_checklist(wijk=wijk) if can(user, "wijk.settings", wijk) else []
        return {
            "membership": membership,
            "join_form": JoinForm(initial={"invite_code": request.GET.get("code", "")}, wijk=wijk),
            "checklist": checklist if not all(done for _code, _label, done in checklist) else [],
            "roles_waiting_for_mfa": roles_waiting_for_mfa,
        }

    # The sections are kept apart (some are the member's own): the rest is kept for all with the same rights
    # and the same membership.
    holes = {"home_sections": mark_safe("".join(wijk_home_sections(request)))}  # noqa: S308 - rendered HTML
    variant = f"{membership.status if membership else ''}:{','.join(roles_waiting_for_mfa)}"
    return render_shared(request, "wijken/home.html", page_context, holes=holes, variant=variant)


@open_in_private_wijk
@login_required
@require_POST
def join(request):
    wijk = request.wijk
    form = JoinForm(request.POST, wijk=wijk)
    if form.is_valid():
        try:
            membership = services.membership_join(wijk=wijk, user=request.user,
                                                  invite_code=form.cleaned_data.get("invite_code", ""))
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("wijken:home", wijk_slug=wijk.slug)
        if membership.status == membership.Status.PENDING:
            messages.info(request, _("Thank you! A coordinator will approve your membership soon."))
        else:
            messages.success(request, _("Welcome to %(wijk)s!") % {"wijk": wijk.name})
    return redirect("wijken:home", wijk_slug=wijk.slug)


@login_required
@require_POST
def leave(request):
    services.membership_leave(wijk=request.wijk, user=request.user)
    messages.info(request, _("You have left %(wijk)s.") % {"wijk": request.wijk.name})
    return redirect("wijken:home", wijk_slug=request.wijk.slug)


@login_required
def members(request):
    wijk = request.wijk
    require(request.user, "members.view", wijk)
    page = Paginator(selectors.members(wijk=wijk), 50).get_page(request.GET.get("page"))
    roles = selectors.roles_by_user(wijk=wijk, user_ids=[m.user_id for m in page])
    rows = [(m, roles.get(m.user_id, [])) for m in page]
    pending = selectors.members(wijk=wijk, status="pending")
    return render(request, "wijken/members.html", {
        "page": page, "rows": rows, "pending": pending, "role_labels": dict(ROLE_CHOICES),
    })


@login_required
def member_roles(request, user_id):
    wijk = request.wijk
    require(request.user, "members.manage_roles", wijk)
    member = selectors.member_get_for(wijk=wijk, user_id=user_id)
    if member is None:
        raise Http404(_("This person is not a member of this wijk."))
    current = selectors.roles_by_user(wijk=wijk, user_ids=[member.user_id]).get(member.user_id, [])
    form = RolesForm(request.POST if request.method == "POST" else None, initial={"roles": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.roles_set(wijk=wijk, member=member, roles=form.cleaned_data["roles"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The roles of %(name)s are saved.") % {"name": member.user.name})
            return redirect("wijken:members", wijk_slug=wijk.slug)
    status = 400 if form.errors else 200
    return render(request, "wijken/member_roles.html", {"member": member, "form": form}, status=status)


@login_required
@require_POST
def member_approve(request, user_id):
    wijk = request.wijk
    require(request.user, "members.manage_roles", wijk)
    membership = selectors.members(wijk=wijk, status="pending").filter(user_id=user_id).first()
    if membership is None:
        raise Http404(_("Nobody with this id is waiting to join."))
    services.membership_approve(wijk=wijk, membership=membership, by=request.user)
    messages.success(request, _("%(name)s is now a member.") % {"name": membership.user.name})
    return redirect("wijken:members", wijk_slug=wijk.slug)


def person(request, user_id):
    wijk = request.wijk
    member = selectors.member_get_for(wijk=wijk, user_id=user_id)
    if member is None:
        raise Http404(_("This person is not a member of this wijk."))
    viewer = request.user
    share_wijk = viewer.is_authenticated and can(viewer, "wijk.view_members_only", wijk)
    return render(request, "wijken/person.html", {
        "person": member.user,
        "profile": profile_for(viewer=viewer, person=member.user, share_wijk=share_wijk),
    })


@login_required
def wijk_settings(request):
    wijk = request.wijk
    require(request.user, "wijk.settings", wijk)
    bound = request.method == "POST"
    form = WijkSettingsForm(request.POST if bound else None, request.FILES if bound else None, instance=wijk)
    if bound and form.is_valid():
        try:
            services.wijk_settings_update(wijk=wijk, form=form, by=request.user)
        except ValidationError as error:  # the storage refused the logo or cover: nothing is saved
            form.add_error(None, error)
        else:
            messages.success(request, _("The settings of %(wijk)s are saved.") % {"wijk": wijk.name})
            return redirect("wijken:settings", wijk_slug=wijk.slug)
    if bound:
        wijk.refresh_from_db()  # the page shows the saved wijk, the form keeps what was typed
    return render(request, "wijken/settings.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def invite(request):
    wijk = request.wijk
    require(request.user, "members.manage_roles", wijk)
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        sent = services.invitations_send(wijk=wijk, emails=form.cleaned_data["emails"], by=request.user)
        messages.success(request, _("%(n)s invitations are on their way.") % {"n": len(sent)})
        return redirect("wijken:invite", wijk_slug=wijk.slug)
    join_link = None
    if wijk.join_policy == wijk.JoinPolicy.INVITE and wijk.invite_code:
        join_link = request.build_absolute_uri(
            reverse("wijken:home", kwargs={"wijk_slug": wijk.slug}) + f"?code={wijk.invite_code}")
    return render(request, "wijken/invite.html", {"form": form, "join_link": join_link},
                  status=400 if form.errors else 200)


@open_in_private_wijk
@login_required
def accept_invitation(request, token):
    wijk = request.wijk
    try:
        services.invitation_accept(wijk=wijk, token=token, user=request.user)
    except ValidationError as error:
        if error.code == "invalid":
            raise Http404(error.messages[0]) from None
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Welcome to %(wijk)s!") % {"wijk": wijk.name})
    return redirect("wijken:home", wijk_slug=wijk.slug)


@login_required
@require_POST
def guidelines_reviewed(request):
    services.wijk_guidelines_reviewed(wijk=request.wijk, by=request.user)
    return redirect("wijken:home", wijk_slug=request.wijk.slug)


@login_required
def export(request):
    wijk = request.wijk
    require(request.user, "wijk.export", wijk)
    if request.method != "POST":
        return render(request, "wijken/export.html")
    archive = transfer.wijk_export(wijk=wijk)
    response = HttpResponse(archive, content_type="application/zip")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{wijk.slug}-{stamp}.wijk.zip"'
    return response
