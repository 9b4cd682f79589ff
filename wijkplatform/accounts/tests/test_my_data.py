"""A member downloads all their data and can erase their account; what they wrote stays, anonymised."""

import io
import json
import zipfile

from django.urls import reverse

from wijkplatform.accounts.models import User
from wijkplatform.accounts.privacy import account_erase
from wijkplatform.community.models import Post
from wijkplatform.community.tests.factories import PostFactory
from wijkplatform.core.testing.clients import logged_in
from wijkplatform.core.testing.factories import PASSWORD
from wijkplatform.wijken.models import Membership


def test_member_downloads_all_their_data(client, wijk, other_wijk, alice, bob):
    Membership.objects.create(wijk=other_wijk, user=alice)
    PostFactory(wijk=wijk, author=alice, text="Mijn eigen bericht")
    PostFactory(wijk=wijk, author=bob, text="Van iemand anders")
    client.force_login(alice)
    response = client.post(reverse("accounts:my_data"), {"action": "download"})
    assert response["Content-Type"] == "application/zip"
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    assert data["person"]["email"] == alice.email
    assert [p["text"] for p in data["rows"]["community.Post"]] == ["Mijn eigen bericht"]
    assert len(data["rows"]["wijken.Membership"]) == 2
    assert "password" not in json.dumps(data) and "token_hash" not in json.dumps(data)


def test_erasing_anonymises_and_keeps_the_conversation(client, wijk, alice):
    post = PostFactory(wijk=wijk, author=alice, text="Wie leent me een boor?")
    client.force_login(alice)
    response = client.post(reverse("accounts:my_data"), {"action": "erase", "password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    erased = User.objects.get(pk=alice.pk)
    assert erased.display_name == "Former neighbour" and not erased.is_active and "alice" not in erased.email
    assert not erased.has_usable_password()
    assert not Membership.objects.in_wijk(wijk).filter(user=erased).exists()
    assert Post.objects.in_wijk(wijk).get(pk=post.pk).author_id == erased.pk
    page = client.get(reverse("community:post_detail", kwargs={"wijk_slug": wijk.slug, "pk": post.pk}))
    assert "Wie leent me een boor?" in page.content.decode() and "Alice" not in page.content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 302  # logged out


def test_an_erased_name_leaves_the_pages_kept_for_members_at_once(wijk, alice, bob):
    PostFactory(wijk=wijk, author=alice, text="Wie leent me een boor?")
    as_bob = logged_in(bob)
    home = reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})
    assert "Alice" in as_bob.get(home).content.decode()  # the latest posts, kept for every member
    account_erase(user=User.objects.get(pk=alice.pk))
    page = as_bob.get(home).content.decode()
    assert "Wie leent me een boor?" in page and "Alice" not in page and "Former neighbour" in page


def test_erasing_needs_the_password_and_the_confirmation(client, alice):
    client.force_login(alice)
    response = client.post(reverse("accounts:my_data"), {"action": "erase", "password": "wrong", "confirm": "on"})
    assert response.status_code == 400 and "not your password" in response.content.decode()
    response = client.post(reverse("accounts:my_data"), {"action": "erase", "password": PASSWORD})
    assert response.status_code == 400
    assert User.objects.get(pk=alice.pk).is_active
