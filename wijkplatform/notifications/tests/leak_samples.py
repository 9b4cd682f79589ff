from wijkplatform.core.testing.leakwalk import sample


@sample
def notifications(wijk, marker, author):
    from wijkplatform.notifications.models import Notification
    from wijkplatform.notifications.services import unsubscribe_url_for

    note = Notification.objects.create(wijk=wijk, recipient=author, kind="reply", title=marker, url="/")
    token = unsubscribe_url_for(wijk=wijk, user=author, kind="reply").rstrip("/").rsplit("/", 1)[1]
    return {
        "notifications:mark_read": {"pk": note.pk},
        "notifications:unsubscribe": {"token": token},
    }
