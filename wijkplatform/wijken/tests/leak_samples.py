from wijkplatform.core.testing.leakwalk import sample


@sample
def people(wijk, marker, author):
    author.display_name = marker
    author.save(update_fields=["display_name"])
    return {
        "wijken:person": {"user_id": author.pk},
        "wijken:member_roles": {"user_id": author.pk},
        "wijken:member_approve": {"user_id": author.pk},
    }


@sample
def invitations(wijk, marker, author):
    from wijkplatform.wijken.models import Invitation

    invitation = Invitation.objects.create(wijk=wijk, email="leak@example.org", token="leak-token-a", invited_by=author)
    return {"wijken:accept_invitation": {"token": invitation.token}}
