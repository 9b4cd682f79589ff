"""Who runs the Academy: academy editors (a Django group) and platform staff."""

EDITOR_GROUP = "academy editors"


def is_academy_editor(user):
    """Platform staff and members of the "academy editors" group edit courses, knowledge bank and pilots."""
    if not user.is_authenticated or not user.is_active:
        return False
    cached = user.__dict__.get("_academy_editor")
    if cached is None:
        # Like every staff role (DESIGN.md section 2), editing the Academy needs two-factor authentication.
        cached = (user.is_staff or user.groups.filter(name=EDITOR_GROUP).exists()) and user.has_mfa
        user.__dict__["_academy_editor"] = cached
    return cached


def is_approved_researcher(user):
    from .models import ResearcherApproval

    if not user.is_authenticated:
        return False
    approval = ResearcherApproval.objects.filter(user=user).first()
    return approval is not None and approval.is_approved
