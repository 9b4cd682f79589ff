import pytest

from wijkplatform.community import kindness
from wijkplatform.community.models import Comment, KindnessWord, Post

from .factories import KindnessWordFactory, PostFactory
from .helpers import url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        "Wat een IDIOOT is die buurman",
        "Hou je bek over die container",
        "Jij bent een kankerlijer",
        "You are such an idiot",
        "Shut up about the parking",
        "What the f*ck, fuck this",
        "Idióót!",
    ],
)
def test_hostile_texts_are_recognised(text):
    assert kindness.matches(text)


@pytest.mark.parametrize(
    "text",
    [
        "Wie kan mij helpen met de vliegtuigjes voor de kinderen?",
        "Thank you for the lovely flowers!",
        "Mijn tante heeft kanker, wie kookt er een keer mee?",
        "The shuttle bus leaves at nine",
    ],
)
def test_friendly_texts_pass(text):
    assert kindness.matches(text) == []


def test_the_author_is_asked_to_rephrase_and_may_still_publish(client, wijk, alice):
    client.force_login(alice)
    data = {
        "kind": "message",
        "text": "De buurman is een idioot",
        "category": "general",
        "audience": "public",
    }
    response = client.post(url("post_create", wijk), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "A friendly reminder" in page and "“idioot”" in page and 'name="publish_anyway"' in page
    assert "De buurman is een idioot" in page  # the typed text is kept
    assert not Post.objects.in_wijk(wijk).exists()
    response = client.post(url("post_create", wijk), {**data, "publish_anyway": "on"})
    assert response.status_code == 302 and Post.objects.in_wijk(wijk).count() == 1


def test_comments_get_the_reminder_too(client, wijk, alice, bob):
    post = PostFactory(wijk=wijk, author=alice)
    client.force_login(bob)
    response = client.post(url("comment_create", wijk, pk=post.pk), {"text": "Shut up, loser"})
    assert response.status_code == 400 and "A friendly reminder" in response.content.decode()
    assert not Comment.objects.in_wijk(wijk).exists()
    client.post(url("comment_create", wijk, pk=post.pk), {"text": "Shut up, loser", "publish_anyway": "on"})
    assert Comment.objects.in_wijk(wijk).count() == 1


def test_a_coordinator_adds_words_for_the_wijk(client, wijk, other_wijk, alice, coordinator):
    client.force_login(coordinator)
    assert client.get(url("kindness", wijk)).status_code == 200
    client.post(url("kindness", wijk), {"phrase": "Rotbuurt"})
    word = KindnessWord.objects.in_wijk(wijk).get()
    assert word.phrase == "rotbuurt"
    client.force_login(alice)
    data = {"kind": "message", "text": "Wat een rotbuurt", "category": "general", "audience": "public"}
    assert client.post(url("post_create", wijk), data).status_code == 400
    # Another wijk's words do not count here.
    KindnessWordFactory(wijk=other_wijk, phrase="parkeerprobleem")
    data["text"] = "Parkeerprobleem in de straat"
    assert client.post(url("post_create", wijk), data).status_code == 302
    client.force_login(coordinator)
    client.post(url("kindness_remove", wijk, pk=word.pk))
    assert not KindnessWord.objects.in_wijk(wijk).exists()


def test_only_coordinators_manage_the_words(client, wijk, alice):
    client.force_login(alice)
    assert client.get(url("kindness", wijk)).status_code == 403
    assert client.post(url("kindness", wijk), {"phrase": "iets"}).status_code == 403
