import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from wijkplatform.notifications.models import Notification
from wijkplatform.notifications.services import notify


def inbox_url(wijk):
    return reverse("notifications:inbox", kwargs={"wijk_slug": wijk.slug})


@pytest.mark.django_db
def test_inbox_shows_own_notifications_and_unread_count(
    client, wijk, alice, bob, django_assert_max_num_queries
):
    for i in range(12):
        notify(
            wijk=wijk,
            recipients=[alice],
            kind="story_status",
            title=f"Story news {i}",
            url="/oude-noorden/",
            actor=bob,
        )
    notify(wijk=wijk, recipients=[bob], kind="story_status", title="Only for Bob", url="/oude-noorden/")
    client.force_login(alice)
    with django_assert_max_num_queries(10):
        response = client.get(inbox_url(wijk))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Story news 11" in text and "Story news 0" in text
    assert "Only for Bob" not in text
    assert "Mark all as read" in text


@pytest.mark.django_db
def test_mark_one_read_and_open_its_link(client, wijk, alice):
    [note] = notify(wijk=wijk, recipients=[alice], kind="reply", title="A reply", url="/oude-noorden/")
    client.force_login(alice)
    url = reverse("notifications:mark_read", kwargs={"wijk_slug": wijk.slug, "pk": note.pk})
    response = client.post(url, {"go": "1"})
    assert response.status_code == 302 and response["Location"] == "/oude-noorden/"
    assert Notification.objects.in_wijk(wijk).get(pk=note.pk).read_at is not None


@pytest.mark.django_db
def test_an_offsite_link_is_not_followed(client, wijk, alice):
    [note] = notify(wijk=wijk, recipients=[alice], kind="reply", title="A reply", url="https://evil.example/")
    client.force_login(alice)
    url = reverse("notifications:mark_read", kwargs={"wijk_slug": wijk.slug, "pk": note.pk})
    response = client.post(url, {"go": "1"})
    assert response["Location"] == inbox_url(wijk)


@pytest.mark.django_db
def test_someone_elses_notification_is_404(client, wijk, alice, bob):
    [note] = notify(wijk=wijk, recipients=[alice], kind="reply", title="A reply", url="/oude-noorden/")
    client.force_login(bob)
    url = reverse("notifications:mark_read", kwargs={"wijk_slug": wijk.slug, "pk": note.pk})
    assert client.post(url).status_code == 404
    assert Notification.objects.in_wijk(wijk).get(pk=note.pk).read_at is None


@pytest.mark.django_db
def test_mark_all_read(client, wijk, alice, bob):
    notify(wijk=wijk, recipients=[alice, bob], kind="reply", title="A reply", url="/oude-noorden/")
    notify(wijk=wijk, recipients=[alice], kind="mention", title="A mention", url="/oude-noorden/")
    client.force_login(alice)
    response = client.post(
        reverse("notifications:mark_all_read", kwargs={"wijk_slug": wijk.slug}), follow=True
    )
    assert "All notifications are marked as read." in response.content.decode()
    assert not Notification.objects.in_wijk(wijk).filter(recipient=alice, read_at__isnull=True).exists()
    assert Notification.objects.in_wijk(wijk).filter(recipient=bob, read_at__isnull=True).count() == 1


@pytest.mark.django_db
def test_non_members_and_visitors(client, wijk, charlie):
    assert client.get(inbox_url(wijk)).status_code == 302  # to the login page
    client.force_login(charlie)
    assert client.get(inbox_url(wijk)).status_code == 404


@pytest.mark.django_db
def test_mark_read_needs_post(client, wijk, alice):
    [note] = notify(wijk=wijk, recipients=[alice], kind="reply", title="A reply", url="/oude-noorden/")
    client.force_login(alice)
    url = reverse("notifications:mark_read", kwargs={"wijk_slug": wijk.slug, "pk": note.pk})
    assert client.get(url).status_code == 405


@pytest.mark.django_db
def test_bell_shows_unread_count(wijk, alice, bob, charlie):
    notify(wijk=wijk, recipients=[alice], kind="reply", title="One", url="/oude-noorden/")
    notify(wijk=wijk, recipients=[alice], kind="reply", title="Two", url="/oude-noorden/")
    template = Template('{% include "notifications/_bell.html" %}')

    def render(user):
        request = RequestFactory().get("/")
        request.user, request.wijk = user, wijk
        return template.render(Context({"request": request}))

    html = render(alice)
    assert reverse("notifications:inbox", kwargs={"wijk_slug": wijk.slug}) in html
    assert '<span class="badge" aria-hidden="true">2</span>' in html
    assert "badge" not in render(bob)
    assert render(charlie).strip() == ""


@pytest.mark.django_db
def test_inbox_speaks_dutch(client, wijk, alice):
    client.force_login(alice)
    text = client.get(inbox_url(wijk), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Nog geen meldingen" in text


@pytest.mark.django_db
def test_mark_read_in_place_with_htmx(client, wijk, alice):
    [note] = notify(wijk=wijk, recipients=[alice], kind="reply", title="A reply", url="/oude-noorden/")
    client.force_login(alice)
    url = reverse("notifications:mark_read", kwargs={"wijk_slug": wijk.slug, "pk": note.pk})
    response = client.post(url, {"read": "1"}, HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert response.status_code == 200
    assert text.lstrip().startswith('<li class="card">') and "A reply" in text and "Mark as read" not in text
    response = client.post(url, {"go": "1"}, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == "/oude-noorden/"
