"""In a large wijk, "Who do you thank?" is a search, not a list of every member: typing part of a name shows
up to ten members of this wijk to choose from (htmx), and without JavaScript a "Find" button does the same."""

import pytest
from django.urls import reverse

from wijkplatform.accounts.models import User
from wijkplatform.community import selectors
from wijkplatform.community.models import Post
from wijkplatform.core.testing.factories import member
from wijkplatform.messaging.models import Block
from wijkplatform.notifications.models import Notification
from wijkplatform.wijken.models import Membership

from .helpers import image_upload, url

pytestmark = pytest.mark.django_db


def add_members(wijk, count, name="Buur"):
    """`count` active members of the wijk named "<name> 00", "<name> 01", …: quickly, in two queries."""
    start = User.objects.count()
    users = User.objects.bulk_create(
        User(email=f"{name.lower()}{start + n}@example.org", display_name=f"{name} {n:02d}", password="!")
        for n in range(count)
    )
    Membership.objects.bulk_create(Membership(wijk=wijk, user=user) for user in users)
    return users


@pytest.fixture
def large(wijk):
    """The wijk with more members than fit in a list: the form searches."""
    return add_members(wijk, selectors.THANKED_LIST_MAX + 5)


def search(client, wijk, **params):
    return client.get(url("thanked_search", wijk), params, headers={"HX-Request": "true"})


def radios(html):
    """The names offered as radio buttons, in order, and the one checked."""
    names, checked = [], None
    for part in html.split('<input type="radio" name="thanked" value="')[1:]:
        label = part.split(">", 1)[1].split("</label>", 1)[0].strip()
        names.append(label)
        if part.split(">", 1)[0].endswith(" checked"):
            checked = label
    return names, checked


def thanks_form(**overrides):
    data = {"kind": "thanks", "text": "Dank voor de soep!", "category": "neighbours", "audience": "members"}
    data.update(overrides)
    return data


def test_a_large_wijk_gets_a_labelled_search_instead_of_a_list_of_everyone(client, wijk, alice, bob, large):
    client.force_login(alice)
    page = client.get(url("post_create", wijk) + "?kind=thanks").content.decode()
    assert '<label for="id_thanked_q">Who do you thank?</label>' in page
    search_box = page.split('<input type="search"', 1)[1].split(">", 1)[0]
    assert 'name="thanked_q"' in search_box and 'id="id_thanked_q"' in search_box
    assert f'hx-get="{url("thanked_search", wijk)}"' in search_box and "delay:300ms" in search_box
    assert 'aria-describedby="id_thanked_helptext"' in search_box and 'maxlength="80"' in search_box
    assert '<button type="submit" class="secondary" name="thanked_find" value="1" formnovalidate' in page
    assert '<select name="thanked"' not in page and "Buur 00" not in page and "Bob" not in page
    assert radios(page) == (["Nobody in particular"], "Nobody in particular")
    assert "<script>" not in page and "style=" not in page  # the Content-Security-Policy allows neither


def test_a_small_wijk_keeps_the_list(client, wijk, alice, bob):
    add_members(wijk, selectors.THANKED_LIST_MAX - 3)  # with Bob and Alice's other neighbours: just fits
    client.force_login(alice)
    page = client.get(url("post_create", wijk) + "?kind=thanks").content.decode()
    assert '<select name="thanked"' in page and 'type="search"' not in page
    assert f'<option value="{bob.pk}">Bob</option>' in page


def test_the_search_finds_members_by_part_of_the_name_those_starting_with_it_first(client, wijk, alice, bob, large):
    member(wijk, display_name="Anne Bobbink")
    member(wijk, display_name="Bobbie de Wit")
    client.force_login(alice)
    response = search(client, wijk, thanked_q="  BOB ")
    html = response.content.decode()
    assert response.status_code == 200
    assert radios(html) == (["Nobody in particular", "Bob", "Bobbie de Wit", "Anne Bobbink"], None)
    assert "<fieldset>" in html and "<legend>Choose the neighbour you thank</legend>" in html
    assert '<p id="id_thanked_status" hx-swap-oob="innerHTML">3 neighbours found.</p>' in html
    assert '<input type="hidden" name="thanked_shown" value="BOB">' in html
    html = search(client, wijk, thanked_q="bbink").content.decode()
    assert radios(html)[0] == ["Nobody in particular", "Anne Bobbink"] and "1 neighbour found." in html
    assert "Nobody in this wijk has a name with “zzz”." in search(client, wijk, thanked_q="zzz").content.decode()


def test_the_search_shows_nobody_of_another_wijk(client, wijk, other_wijk, alice, charlie, large):
    add_members(other_wijk, 20)  # "Buur 00"… in Harlem too: none of them may show
    member(other_wijk, display_name="Bob of Harlem")
    client.force_login(alice)
    html = search(client, wijk, thanked_q="Charlie").content.decode()
    assert radios(html)[0] == ["Nobody in particular"] and "Nobody in this wijk has a name with “Charlie”." in html
    html = search(client, wijk, thanked_q="bob").content.decode()
    assert "Harlem" not in html
    html = search(client, wijk, thanked_q="Buur", thanked=charlie.pk).content.decode()  # nor kept as "chosen"
    found = radios(html)[0]
    assert "Charlie" not in found and len(found) == 11
    ids = {int(v.split('"', 1)[0]) for v in html.split('name="thanked" value="')[1:] if v[0].isdigit()}
    assert Membership.objects.in_wijk(wijk).filter(user_id__in=ids).count() == len(ids) == 10


def test_the_search_leaves_out_oneself_those_who_blocked_one_and_who_is_not_an_active_member(
    client, wijk, alice, large
):
    blocker = member(wijk, display_name="Anna Blok")
    Block.objects.create(blocker=blocker, blocked=alice)
    waiting = member(wijk, display_name="Anna Wacht")
    Membership.objects.in_wijk(wijk).filter(user=waiting).update(status=Membership.Status.PENDING)
    member(wijk, display_name="Anna Weg", is_active=False)
    member(wijk, display_name="Anna Wel")
    client.force_login(alice)
    assert radios(search(client, wijk, thanked_q="a").content.decode())[0][1:2] != ["Alice"]
    assert radios(search(client, wijk, thanked_q="Alice").content.decode())[0] == ["Nobody in particular"]
    assert radios(search(client, wijk, thanked_q="Anna").content.decode())[0] == ["Nobody in particular", "Anna Wel"]
    # The form refuses them as well, with the usual message.
    response = client.post(url("post_create", wijk), thanks_form(thanked=blocker.pk))
    assert response.status_code == 400 and "You can only thank a member of this wijk" in response.content.decode()


def test_a_member_without_a_display_name_is_found_by_the_start_of_the_address_only(client, wijk, alice, large):
    nameless = member(wijk, display_name="", email="jan.smit@voorbeeld.nl")
    client.force_login(alice)
    assert radios(search(client, wijk, thanked_q="jan.s").content.decode())[0][1:] == ["jan.smit"]
    assert radios(search(client, wijk, thanked_q="voorbeeld").content.decode())[0] == ["Nobody in particular"]
    assert radios(search(client, wijk, thanked_q="jan.smit@v").content.decode())[0] == ["Nobody in particular"]
    assert nameless.name == "jan.smit"


def test_the_search_shows_at_most_ten_and_keeps_the_person_chosen(client, wijk, alice, bob, large):
    client.force_login(alice)
    html = search(client, wijk, thanked_q="buur").content.decode()
    assert len(radios(html)[0]) == 1 + 10
    assert "The first 10 neighbours found: type more of the name to find fewer." in html
    html = search(client, wijk, thanked_q="buur 1", thanked=bob.pk).content.decode()
    names, checked = radios(html)
    assert names[:2] == ["Nobody in particular", "Bob"] and checked == "Bob" and len(names) == 2 + 10


def test_the_search_does_the_same_few_queries_in_a_wijk_of_any_size(
    client, wijk, alice, bob, large, django_assert_max_num_queries
):
    client.force_login(alice)
    search(client, wijk, thanked_q="buur", thanked=bob.pk)  # roles kept as on a real visit: both measured warm
    with django_assert_max_num_queries(6) as small:  # session, user, (roles,) the person chosen, the matches
        search(client, wijk, thanked_q="buur", thanked=bob.pk)
    count = len(small.captured_queries)  # read now: the next request empties the log of queries
    matching = [q["sql"] for q in small.captured_queries if "LIKE" in q["sql"].upper()]
    assert len(matching) == 1 and "LIMIT 10" in matching[0].upper()
    add_members(wijk, 400, name="Buurvrouw")
    search(client, wijk, thanked_q="buur", thanked=bob.pk)
    with django_assert_max_num_queries(count):
        html = search(client, wijk, thanked_q="buur", thanked=bob.pk).content.decode()
    assert len(radios(html)[0]) == 1 + 1 + 10


def test_only_members_may_search(client, wijk, alice, charlie, stranger):
    address = url("thanked_search", wijk) + "?thanked_q=Alice"
    response = client.get(address)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    for outsider in (charlie, stranger):
        client.force_login(outsider)
        response = client.get(address)
        assert response.status_code == 403 and 'name="thanked"' not in response.content.decode()
        assert "You are not allowed to do this in this wijk." in response.content.decode()
    waiting = member(wijk, display_name="Willem")
    Membership.objects.in_wijk(wijk).filter(user=waiting).update(status=Membership.Status.PENDING)
    client.force_login(waiting)
    assert client.get(address).status_code == 403


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"thanked_q": "b" * 81}, "Type at most 80 characters of the name."),
        ({"thanked_q": "Bo\x00b"}, "Null characters are not allowed."),
        ({"thanked_q": "Bob", "thanked": "bob"}, "The neighbour chosen is not one of the list."),
        ({"thanked_q": "Bob", "thanked": str(2**70)}, "The neighbour chosen is not one of the list."),
        ({"thanked_q": "Bob", "thanked": "-3"}, "The neighbour chosen is not one of the list."),
    ],
)
def test_bad_input_is_a_400_that_says_what_is_wrong(client, wijk, alice, large, params, message):
    client.force_login(alice)
    response = search(client, wijk, **params)
    assert response.status_code == 400 and message in response.content.decode()


def test_an_empty_search_or_odd_characters_are_answered_calmly(client, wijk, alice, bob, large):
    client.force_login(alice)
    html = search(client, wijk).content.decode()
    assert radios(html) == (["Nobody in particular"], "Nobody in particular")
    assert '<p id="id_thanked_status" hx-swap-oob="innerHTML"></p>' in html
    for odd in ("%", "_", "'; --", "\\", "ü"):
        assert search(client, wijk, thanked_q=odd).status_code == 200
    assert radios(search(client, wijk, thanked_q="%").content.decode())[0] == ["Nobody in particular"]
    html = search(client, wijk, thanked_q="<b>Bob</b>").content.decode()
    assert "<b>Bob</b>" not in html and "“&lt;b&gt;Bob&lt;/b&gt;”" in html


def test_without_javascript_find_shows_the_form_again_as_typed_with_the_matches(client, wijk, alice, bob, large):
    client.force_login(alice)
    typed = thanks_form(text="Dank voor <het> maaien!", thanked_q="bo", thanked="", thanked_find="1")
    response = client.post(url("post_create", wijk), typed)
    page = response.content.decode()
    assert response.status_code == 200 and not Post.objects.in_wijk(wijk).exists()
    assert "Dank voor &lt;het&gt; maaien!</textarea>" in page
    assert '<option value="thanks" selected>' in page and '<option value="neighbours" selected>' in page
    assert '<input type="radio" name="audience" value="members" required id="id_audience_1" checked>' in page
    assert 'name="thanked_q" value="bo"' in page
    assert radios(page) == (["Nobody in particular", "Bob"], None)
    assert "1 neighbour found." in page
    assert 'class="errorlist"' not in page  # nothing is wrong yet: no errors while finding

    chosen = dict(typed, thanked=bob.pk, thanked_shown="bo")
    chosen.pop("thanked_find")
    response = client.post(url("post_create", wijk), chosen)
    post = Post.objects.in_wijk(wijk).get()
    assert response.status_code == 302 and post.thanked == bob and post.text == "Dank voor <het> maaien!"
    note = Notification.objects.in_wijk(wijk).get(recipient=bob, kind="thanked")
    assert "Alice" in note.title and note.url == post.get_absolute_url()



def test_without_javascript_find_says_that_chosen_photos_must_be_chosen_again(client, wijk, alice, bob, large):
    client.force_login(alice)
    typed = thanks_form(thanked_q="bo", thanked="", thanked_find="1", photos=[image_upload()])
    page = client.post(url("post_create", wijk), typed).content.decode()
    assert "Photos are not kept while you look for a neighbour: choose them again." in page
    assert radios(page) == (["Nobody in particular", "Bob"], None) and not Post.objects.in_wijk(wijk).exists()
    without_photos = client.post(url("post_create", wijk), thanks_form(thanked_q="bo", thanked="", thanked_find="1"))
    assert "Photos are not kept" not in without_photos.content.decode()

def test_a_chosen_member_is_stored_and_told_as_before(client, wijk, alice, bob, large):
    client.force_login(alice)
    response = client.post(url("post_create", wijk), thanks_form(thanked=bob.pk, thanked_q="Bob", thanked_shown="Bob"))
    post = Post.objects.in_wijk(wijk).get()
    assert response.status_code == 302 and post.thanked_id == bob.pk and post.kind == "thanks"
    assert Notification.objects.in_wijk(wijk).filter(recipient=bob, kind="thanked").count() == 1
    assert ">Bob</a>" in client.get(post.get_absolute_url()).content.decode()


def test_someone_of_another_wijk_is_refused_with_the_usual_message(client, wijk, alice, charlie, large):
    client.force_login(alice)
    for person in (charlie.pk, 999_999_999, "x"):
        response = client.post(
            url("post_create", wijk), thanks_form(thanked=person, thanked_q="Ch", thanked_shown="Ch")
        )
        assert response.status_code == 400
        assert "You can only thank a member of this wijk: choose one from the list." in response.content.decode()
    assert not Post.objects.in_wijk(wijk).exists()


def test_a_name_typed_but_not_chosen_is_not_silently_dropped(client, wijk, alice, bob, large):
    client.force_login(alice)
    # Without JavaScript: typed "Bob" and pressed Publish, "nobody" still ticked from before the search.
    response = client.post(url("post_create", wijk), thanks_form(thanked="", thanked_q="Bob", thanked_shown=""))
    page = response.content.decode()
    assert response.status_code == 400 and not Post.objects.in_wijk(wijk).exists()
    assert "You typed a name: choose the neighbour you thank from the list, or “Nobody in particular”." in page
    assert radios(page) == (["Nobody in particular", "Bob"], None)
    assert 'name="thanked_shown" value="Bob"' in page and "Dank voor de soep!</textarea>" in page
    # The matches were shown, nothing chosen.
    response = client.post(url("post_create", wijk), thanks_form(thanked_q="Bob", thanked_shown="Bob"))
    assert response.status_code == 400
    # "Nobody in particular" chosen from the matches: a thank-you to nobody in particular.
    response = client.post(url("post_create", wijk), thanks_form(thanked="", thanked_q="Bob", thanked_shown="Bob"))
    assert response.status_code == 302 and Post.objects.in_wijk(wijk).get().thanked is None
    # Another kind of post ignores the search.
    response = client.post(url("post_create", wijk), thanks_form(kind="message", thanked_q="Bob"))
    assert response.status_code == 302


def test_editing_in_a_large_wijk_shows_the_person_chosen_and_finds_others(client, wijk, alice, bob, coordinator, large):
    from wijkplatform.community import services

    post = services.post_create(wijk=wijk, author=alice, kind="thanks", text="Dank!", thanked=bob)
    client.force_login(alice)
    edit = url("post_edit", wijk, pk=post.pk)
    page = client.get(edit).content.decode()
    assert radios(page) == (["Nobody in particular", "Bob"], "Bob")
    data = thanks_form(text="Dank, Cora!", thanked=bob.pk, thanked_q="cor", thanked_find="1")
    page = client.post(edit, data).content.decode()
    assert radios(page) == (["Nobody in particular", "Bob", "Cora"], "Bob") and "Dank, Cora!</textarea>" in page
    data = thanks_form(text="Dank, Cora!", thanked=coordinator.pk, thanked_q="cor", thanked_shown="cor")
    assert client.post(edit, data).status_code == 302
    assert Post.objects.in_wijk(wijk).get().thanked == coordinator
