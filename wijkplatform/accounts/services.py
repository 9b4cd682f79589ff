from django.db import transaction


def profile_update(*, user, form):
    """Save a validated profile form of the person themselves."""
    form.instance = user
    with transaction.atomic():  # a photo the storage refuses (ValidationError) rolls back to here
        return form.save()
