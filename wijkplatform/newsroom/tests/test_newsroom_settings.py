from wijkplatform.newsroom.models import NewsroomSettings

from .helpers import url


def test_coordinator_sets_how_many_first_stories_need_two_approvals(client, wijk, alice, coordinator):
    client.force_login(alice)
    assert client.get(url(wijk, "desk_settings")).status_code == 403
    client.force_login(coordinator)
    assert client.get(url(wijk, "desk_settings")).status_code == 200
    data = {"first_stories_count": 5, "experienced_after": 4, "autosave_seconds": 45}
    assert client.post(url(wijk, "desk_settings"), data).status_code == 302
    row = NewsroomSettings.objects.in_wijk(wijk).get()
    assert (row.first_stories_count, row.experienced_after, row.autosave_seconds) == (5, 4, 45)
    response = client.post(url(wijk, "desk_settings"), {**data, "autosave_seconds": 1})
    assert response.status_code == 400 and "between 10 and 600" in response.content.decode()
    assert client.post(url(wijk, "desk_settings"), {**data, "first_stories_count": -1}).status_code == 400
    assert NewsroomSettings.objects.in_wijk(wijk).get().autosave_seconds == 45
