from .models import Visibility


def may_see(*, viewer, person, visibility, share_wijk):
    """Whether `viewer` may see a part of `person`'s profile with this visibility."""
    if viewer.is_authenticated and viewer.pk == person.pk:
        return True
    if visibility == Visibility.EVERYONE:
        return True
    if visibility == Visibility.MEMBERS:
        return share_wijk
    return False


def profile_for(*, viewer, person, share_wijk):
    """What of a person's profile this viewer may see, as a dict the template shows as it is."""
    show_profile = may_see(viewer=viewer, person=person, visibility=person.profile_visibility,
                           share_wijk=share_wijk)
    show_photo = may_see(viewer=viewer, person=person, visibility=person.photo_visibility, share_wijk=share_wijk)
    return {
        "name": person.name,
        "photo": person.photo if show_photo and person.photo else None,
        "bio": person.bio if show_profile else "",
        "languages": person.languages if show_profile else "",
        "can_help_with": person.can_help_with if show_profile else "",
        "hidden": not show_profile,
    }
