from wijkplatform.core.testing.leakwalk import sample


@sample
def community(wijk, marker, author):
    from .factories import CommentFactory, InitiativeFactory, KindnessWordFactory, PostFactory, TaskFactory

    post = PostFactory(wijk=wijk, author=author, text=marker, kind="request")
    members_only = PostFactory(wijk=wijk, author=author, text=f"{marker} members", audience="members")
    comment = CommentFactory(wijk=wijk, post=post, author=author, text=marker)
    initiative = InitiativeFactory(wijk=wijk, author=author, title=marker, description=marker)
    task = TaskFactory(wijk=wijk, initiative=initiative, title=marker)
    word = KindnessWordFactory(wijk=wijk, phrase=marker.lower()[:80])
    assert members_only.pk
    return {
        "community:post_detail": {"pk": post.pk},
        "community:post_edit": {"pk": post.pk},
        "community:post_delete": {"pk": post.pk},
        "community:post_like": {"pk": post.pk},
        "community:post_bookmark": {"pk": post.pk},
        "community:post_follow": {"pk": post.pk},
        "community:post_pin": {"pk": post.pk},
        "community:post_resolve": {"pk": post.pk},
        "community:comment_create": {"pk": post.pk},
        "community:comment_delete": {"pk": comment.pk},
        "community:initiative_detail": {"pk": initiative.pk},
        "community:initiative_support": {"pk": initiative.pk},
        "community:initiative_update": {"pk": initiative.pk},
        "community:initiative_task_add": {"pk": initiative.pk},
        "community:initiative_status": {"pk": initiative.pk},
        "community:task_signup": {"pk": task.pk},
        "community:kindness_remove": {"pk": word.pk},
    }
