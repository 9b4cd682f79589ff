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
