from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from wijkplatform.wijken.selectors import wijken_of

from .forms import ProfileForm
from .services import profile_update


@login_required
def profile_edit(request):
    bound = request.method == "POST"
    form = ProfileForm(request.POST if bound else None, request.FILES if bound else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        profile_update(user=request.user, form=form)
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
