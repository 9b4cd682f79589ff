from django.urls import reverse

from wijkplatform.core.testing.factories import member
from wijkplatform.messaging import services
from wijkplatform.messaging.models import Conversation, Message, MessageReport, MessagingSettings
from wijkplatform.notifications.models import Channel, Notification, NotificationPreference, OutboxMessage


def home_section_of(wijk, user):
    from django.test import RequestFactory

    from wijkplatform.messaging.views import home_section

    request = RequestFactory().get("/")
    request.wijk, request.user = wijk, user
    return home_section(request) or ""


def start(client, wijk, sender, recipients, text="Mag ik je ladder lenen?"):
    client.force_login(sender)
    return client.post(
        reverse("messaging:new_in_wijk", kwargs={"wijk_slug": wijk.slug}),
        {"recipients": [r.pk for r in recipients], "text": text},
    )


def conv_url(conversation):
    return reverse("messaging:conversation", kwargs={"wijk_slug": conversation.wijk.slug, "pk": conversation.pk})


def test_one_to_one_message_with_unread_count_and_email(client, wijk, alice, bob):
    NotificationPreference.objects.create(wijk=wijk, user=bob, kind="message", channel=Channel.EMAIL)
    response = start(client, wijk, alice, [bob])
    assert response.status_code == 302
    conversation = Conversation.objects.in_wijk(wijk).get()
    assert Message.objects.in_wijk(wijk).get().text == "Mag ik je ladder lenen?"
    # Bob is told by email (his preference for this kind is the default), without the text of the message.
    note = Notification.objects.in_wijk(wijk).get(recipient=bob, kind="message")
    assert "Alice" in note.title
    email = OutboxMessage.objects.in_wijk(wijk).get(recipient=bob)
    assert "Alice" in email.subject and "ladder" not in email.body

    client.force_login(bob)
    inbox = client.get(reverse("messaging:inbox")).content.decode()
    assert "Alice" in inbox and "1 new" in inbox
    assert "1 unread message" in home_section_of(wijk, bob)
    page = client.get(conv_url(conversation)).content.decode()
    assert "Mag ik je ladder lenen?" in page
    assert "1 new" not in client.get(reverse("messaging:inbox")).content.decode()  # read now
    assert client.post(conv_url(conversation), {"text": "Natuurlijk!"}).status_code == 302
    assert Message.objects.in_wijk(wijk).count() == 2
    # Writing again to Bob continues the same conversation.
    start(client, wijk, alice, [bob], text="Dank je!")
    assert Conversation.objects.in_wijk(wijk).count() == 1


def test_a_small_group_of_at_most_eight(client, wijk, alice):
    others = [member(wijk) for _ in range(7)]
    assert start(client, wijk, alice, others).status_code == 302
    conversation = Conversation.objects.in_wijk(wijk).get()
    assert conversation.participants.model.objects.in_wijk(wijk).filter(conversation=conversation).count() == 8
    response = start(client, wijk, alice, [*others, member(wijk)])
    assert response.status_code == 400
    assert "at most 8 people" in response.content.decode()
    assert Conversation.objects.in_wijk(wijk).count() == 1


def test_nobody_can_read_a_conversation_they_are_not_in(client, wijk, other_wijk, alice, bob, charlie, staff):
    start(client, wijk, alice, [bob])
    conversation = Conversation.objects.in_wijk(wijk).get()
    carol = member(wijk, display_name="Carol")
    for person in (carol, charlie, staff):
        client.force_login(person)
        assert client.get(conv_url(conversation)).status_code == 404
        assert client.post(conv_url(conversation), {"text": "hi"}).status_code == 404
        assert "ladder" not in client.get(reverse("messaging:inbox")).content.decode()
        other = reverse("messaging:conversation", kwargs={"wijk_slug": other_wijk.slug, "pk": conversation.pk})
        assert client.get(other).status_code == 404
    assert Message.objects.in_wijk(wijk).count() == 1


def test_staff_cannot_read_messages_in_the_admin(client, staff):
    from django.contrib import admin

    assert Message not in admin.site._registry and Conversation not in admin.site._registry


def test_someone_who_shares_no_wijk_cannot_be_messaged(client, wijk, alice, charlie):
    response = start(client, wijk, alice, [charlie])
    assert response.status_code == 400  # charlie is not a choice in this wijk
    assert not Conversation.objects.in_wijk(wijk).exists()
    client.force_login(charlie)
    url = reverse("messaging:new_in_wijk", kwargs={"wijk_slug": wijk.slug})
    assert client.post(url, {"recipients": [alice.pk], "text": "hoi"}).status_code == 403


def test_blocked_people_cannot_message(client, wijk, alice, bob):
    start(client, wijk, alice, [bob])
    conversation = Conversation.objects.in_wijk(wijk).get()
    client.force_login(bob)
    assert client.post(reverse("messaging:block", kwargs={"user_id": alice.pk})).status_code == 302
    client.force_login(alice)
    response = client.post(conv_url(conversation), {"text": "Hallo?"})
    assert response.status_code == 400
    assert "does not receive messages from you" in response.content.decode()
    response = start(client, wijk, alice, [bob], text="Nieuw gesprek")
    assert response.status_code == 400
    assert Message.objects.in_wijk(wijk).count() == 1
    from wijkplatform.messaging.selectors import has_blocked

    assert has_blocked(blocker=bob, blocked=alice)  # community asks this before a mention
    client.force_login(bob)
    client.post(reverse("messaging:unblock", kwargs={"user_id": alice.pk}))
    assert start(client, wijk, alice, [bob], text="Weer goed?").status_code == 302


def test_who_may_message_me(client, wijk, alice, bob):
    client.force_login(bob)
    assert client.post(reverse("messaging:settings"), {"who_may_message": "nobody"}).status_code == 302
    assert start(client, wijk, alice, [bob]).status_code == 400
    client.force_login(bob)
    client.post(reverse("messaging:settings"), {"who_may_message": "responded"})
    assert start(client, wijk, alice, [bob]).status_code == 400  # Bob never answered Alice
    services.who_may_message_set(user=alice, who=MessagingSettings.Who.EVERYONE)
    conversation = services.conversation_start(wijk=wijk, recipients=[alice], text="Hoi Alice", by=bob)
    assert start(client, wijk, alice, [bob], text="Hoi Bob").status_code == 302  # Bob wrote to Alice
    assert Message.objects.in_wijk(wijk).filter(conversation=conversation).count() == 2
    client.force_login(bob)
    assert client.post(reverse("messaging:settings"), {"who_may_message": "bogus"}).status_code == 400


def test_report_a_message_to_the_editors(client, wijk, alice, bob):
    editor = member(wijk, "editor", display_name="Kees")
    start(client, wijk, alice, [bob], text="Iets onaardigs")
    message = Message.objects.in_wijk(wijk).get()
    queue = reverse("messaging:reports", kwargs={"wijk_slug": wijk.slug})
    client.force_login(editor)
    assert "Iets onaardigs" not in client.get(queue).content.decode()  # not reported: editors cannot read it
    client.force_login(bob)
    report_url = reverse("messaging:report", kwargs={"wijk_slug": wijk.slug, "pk": message.pk})
    assert client.post(report_url, {"reason": ""}).status_code == 400
    assert client.post(report_url, {"reason": "Niet aardig"}).status_code == 302
    assert client.post(report_url, {"reason": "Nog eens"}).status_code == 400  # once
    assert Notification.objects.in_wijk(wijk).filter(recipient=editor, kind="message_report").exists()
    client.force_login(alice)
    assert client.get(queue).status_code == 403
    assert client.post(report_url, {"reason": "my own"}).status_code == 400
    client.force_login(editor)
    page = client.get(queue).content.decode()
    assert "Iets onaardigs" in page and "Niet aardig" in page
    report = MessageReport.objects.in_wijk(wijk).get()
    resolve = reverse("messaging:report_resolve", kwargs={"wijk_slug": wijk.slug, "pk": report.pk})
    assert client.post(resolve, {"resolution": "Gesprek gehad"}).status_code == 302
    assert "Iets onaardigs" not in client.get(queue).content.decode()


def test_inbox_across_wijken_in_few_queries(client, wijk, other_wijk, alice, bob, django_assert_max_num_queries):
    from wijkplatform.wijken.models import Membership

    Membership.objects.create(wijk=other_wijk, user=alice)
    charlie = member(other_wijk, display_name="Charlie")
    for _ in range(3):
        services.conversation_start(wijk=wijk, recipients=[bob, member(wijk)], text="Buurtfeest", by=alice)
    services.conversation_start(wijk=other_wijk, recipients=[charlie], text="Hi there", by=alice)
    client.force_login(alice)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("messaging:inbox")).content.decode()
    assert "Charlie" in page and "Harlem" in page and "Oude Noorden" in page


def test_unread_counts_in_a_group_are_per_person(wijk, alice, bob):
    from wijkplatform.messaging.models import Participant
    from wijkplatform.messaging.selectors import conversations_of, unread_total

    carol = member(wijk, display_name="Carol")
    conversation = services.conversation_start(wijk=wijk, recipients=[bob, carol], text="Wie helpt zaterdag?", by=alice)
    services.message_send(wijk=wijk, conversation=conversation, text="Ik!", by=bob)
    assert unread_total(user=alice) == 1  # Bob's answer; her own message does not count
    assert unread_total(user=carol) == 2
    me = Participant.objects.in_wijk(wijk).get(conversation=conversation, user=carol)
    services.conversation_mark_read(wijk=wijk, participant=me)
    assert unread_total(user=carol) == 0
    assert unread_total(user=alice) == 1  # Carol reading changes nothing for Alice
    assert [row.unread for row in conversations_of(user=alice)] == [1]


def test_staff_who_are_not_members_cannot_start_conversations(wijk, alice, staff):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Join this wijk"):
        services.conversation_start(wijk=wijk, recipients=[alice], text="Hallo", by=staff)
    with pytest.raises(ValidationError, match="not a member"):
        services.conversation_start(wijk=wijk, recipients=[staff], text="Hallo", by=alice)


def test_sending_very_fast_is_slowed_down(wijk, alice, bob, settings):
    import pytest
    from django.core.exceptions import ValidationError

    settings_limits = dict(services.RATE_LIMITS)
    services.RATE_LIMITS["send"] = (3, 600)
    try:
        conversation = services.conversation_start(wijk=wijk, recipients=[bob], text="1", by=alice)
        for text in ("2", "3", "4"):
            services.message_send(wijk=wijk, conversation=conversation, text=text, by=alice)
        with pytest.raises(ValidationError, match="very fast"):
            services.message_send(wijk=wijk, conversation=conversation, text="5", by=alice)
    finally:
        services.RATE_LIMITS.update(settings_limits)
    assert Message.objects.in_wijk(wijk).count() == 4
