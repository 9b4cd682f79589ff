from .models import User, Visibility

# What a page shows of a person it names (an author, an organiser): their name, which falls back to the first
# part of their email address.
NAME_FIELDS = ("id", "display_name", "email")


def only_name(relation):
    """`defer()` arguments that leave of the person at `relation` only what their name needs: for rows that
    are kept in the cache, so that no password hash, profile or staff flag is kept with them."""
    return [f"{relation}__{field.name}" for field in User._meta.concrete_fields if field.name not in NAME_FIELDS]


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
