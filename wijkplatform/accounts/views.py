from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkplatform.wijken.selectors import wijken_of

from .forms import AccessTokenForm, EraseForm, ProfileForm
from .models import AccessToken
from .privacy import account_erase, personal_data_export
from .services import profile_update
from .tokens import token_create, token_revoke


@login_required
def profile_edit(request):
    bound = request.method == "POST"
    form = ProfileForm(request.POST if bound else None, request.FILES if bound else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(user=request.user, form=form)
        except ValidationError as error:  # the storage refused the photo: nothing is saved
            form.add_error("photo", error)
            request.user.refresh_from_db()  # the page shows the saved profile, the form keeps what was typed
        else:
            messages.success(request, _("Your profile is saved."))
            response = redirect("accounts:profile")
            if request.user.preferred_language:
                translation.activate(request.user.preferred_language)
                response.set_cookie("wijk_language", request.user.preferred_language, max_age=365 * 24 * 3600,
                                    samesite="Lax")
            return response
    status = 400 if form.errors else 200
    return render(request, "accounts/profile_edit.html",
                  {"form": form, "my_wijken": wijken_of(user=request.user)}, status=status)


@login_required
def tokens(request):
    form = AccessTokenForm(request.POST if request.method == "POST" else None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = token_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = AccessTokenForm()
    return render(request, "accounts/tokens.html", {
        "form": form, "new_token": new_token,
        "tokens": AccessToken.objects.filter(user=request.user, revoked_at__isnull=True),
    }, status=400 if form.errors else 200)


@login_required
@require_POST
def token_revoke_view(request, pk):
    try:
        token_revoke(user=request.user, pk=pk)
    except ValidationError as error:
        raise Http404(error.messages[0]) from None
    messages.success(request, _("The token is revoked. Apps using it can no longer get in."))
    return redirect("accounts:tokens")


@login_required
def my_data(request):
    """Download everything of mine, or erase my account."""
    form = EraseForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and request.POST.get("action") == "download":
        response = HttpResponse(personal_data_export(user=request.user), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="my-data.zip"'
        return response
    if request.method == "POST" and form.is_valid():
        account_erase(user=request.user)
        logout(request)
        messages.info(request, _("Your account is erased. Thank you for all you did for your neighbours."))
        return redirect("home")
    return render(request, "accounts/my_data.html", {"form": form}, status=400 if form.errors else 200)
