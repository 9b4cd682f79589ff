def profile_update(*, user, form):
    """Save a validated profile form of the person themselves."""
    form.instance = user
    return form.save()
