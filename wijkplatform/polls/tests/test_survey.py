import csv
import io

from django.core import mail

from wijkplatform.core.testing.factories import member
from wijkplatform.notifications.models import OutboxMessage
from wijkplatform.notifications.services import outbox_send_pending
from wijkplatform.polls.models import Choice, Poll, Question, Response

from .factories import fresh, quick_poll
from .test_poll_ask import future, url


def make_survey(client, wijk, asker, **extra):
    client.force_login(asker)
    response = client.post(
        url("survey_new", wijk),
        {"title": "Hoe groen is onze straat?", "closes_at": future(), "results": "after_answer", **extra},
    )
    assert response.status_code == 302, response.content.decode()
    poll = Poll.objects.in_wijk(wijk).get()
    questions = [
        {"text": "Welke plek?", "kind": "single", "choices": "Park\nPlein", "required": "on"},
        {"text": "Wat wil je?", "kind": "multiple", "choices": "Bomen\nBloemen\nBankjes", "required": "on"},
        {"text": "Hoe tevreden ben je?", "kind": "scale", "required": "on"},
        {"text": "Eén woord", "kind": "short"},
        {"text": "Vertel meer", "kind": "long"},
    ]
    for q in questions:
        assert client.post(url("manage", wijk, pk=poll.pk), q).status_code == 302
    assert client.post(url("publish", wijk, pk=poll.pk)).status_code == 302
    return fresh(poll)


def answers_for(wijk, poll, *, text="Meer groen"):
    qs = list(Question.objects.in_wijk(wijk).filter(poll=poll))
    choice = {c.text: c.pk for c in Choice.objects.in_wijk(wijk).filter(question__poll=poll)}
    return {
        f"q{qs[0].pk}": choice["Park"],
        f"q{qs[1].pk}": [choice["Bomen"], choice["Bankjes"]],
        f"q{qs[2].pk}": "4",
        f"q{qs[3].pk}": "=cmd",
        f"q{qs[4].pk}": text,
    }


def test_a_survey_with_every_kind_of_question_answers_and_csv(client, wijk, alice, bob):
    asker = member(wijk, "editor", display_name="Kees")
    poll = make_survey(client, wijk, asker)
    assert poll.published_at and Question.objects.in_wijk(wijk).filter(poll=poll).count() == 5
    for person in (alice, bob):
        client.force_login(person)
        assert client.post(url("answer", wijk, pk=poll.pk), answers_for(wijk, poll)).status_code == 302
    page = client.get(url("detail", wijk, pk=poll.pk)).content.decode()
    assert "<td>Bomen</td><td>2</td>" in page and "Average: 4.0" in page
    assert "Meer groen" not in page  # written answers are for the asker
    assert client.get(url("export", wijk, pk=poll.pk)).status_code == 404  # only the asker exports

    client.force_login(asker)
    page = client.get(url("detail", wijk, pk=poll.pk)).content.decode()
    assert "Meer groen" in page
    export = client.get(url("export", wijk, pk=poll.pk))
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0][2] == "Who" and rows[0][3] == "Welke plek?"
    assert rows[1][2] in ("Alice", "Bob") and rows[1][4] == "Bomen; Bankjes" and rows[1][6] == "'=cmd"


def test_a_missing_required_answer_is_refused(client, wijk, alice):
    poll = make_survey(client, wijk, member(wijk, "coordinator"))
    client.force_login(alice)
    data = answers_for(wijk, poll)
    data.pop(next(iter(data)))
    assert client.post(url("answer", wijk, pk=poll.pk), data).status_code == 400
    assert not Response.objects.in_wijk(wijk).exists()


def test_a_published_survey_cannot_change_and_a_draft_is_hidden(client, wijk, alice):
    asker = member(wijk, "editor")
    client.force_login(asker)
    client.post(url("survey_new", wijk), {"title": "Concept", "closes_at": future(), "results": "after_answer"})
    draft = Poll.objects.in_wijk(wijk).get()
    response = client.post(url("publish", wijk, pk=draft.pk))
    assert not fresh(draft).published_at  # no questions yet
    assert response.status_code == 302
    client.force_login(alice)
    assert client.get(url("detail", wijk, pk=draft.pk)).status_code == 404
    assert client.get(url("manage", wijk, pk=draft.pk)).status_code == 404


def test_an_anonymous_survey_keeps_no_link_to_the_person(client, wijk, alice):
    asker = member(wijk, "editor")
    poll = make_survey(client, wijk, asker, anonymous="on")
    client.force_login(alice)
    assert client.post(url("answer", wijk, pk=poll.pk), answers_for(wijk, poll)).status_code == 302
    stored = Response.objects.in_wijk(wijk).get()
    assert stored.user is None and stored.guest_email == ""
    other = quick_poll(wijk)
    assert stored.respondent_key != other.respondent_key(user=alice)  # answers of two polls cannot be joined
    # Still one answer per person.
    assert client.post(url("answer", wijk, pk=poll.pk), answers_for(wijk, poll)).status_code == 400
    client.force_login(asker)
    rows = list(csv.reader(io.StringIO(client.get(url("export", wijk, pk=poll.pk)).content.decode())))
    assert "Who" not in rows[0] and "Alice" not in str(rows)


def test_a_guest_answers_a_public_poll_with_a_confirmed_email(client, wijk):
    poll = quick_poll(wijk, title="Open vraag", guests_may_answer=True, choices=("Ja", "Nee"))
    q = Question.objects.in_wijk(wijk).get(poll=poll)
    ja = Choice.objects.in_wijk(wijk).filter(question=q).first()
    page = client.get(url("detail", wijk, pk=poll.pk)).content.decode()
    assert 'name="email"' in page
    response = client.post(url("answer", wijk, pk=poll.pk), {f"q{q.pk}": ja.pk, "email": "Buur@Example.net"})
    assert response.status_code == 302
    stored = Response.objects.in_wijk(wijk).get()
    assert not stored.confirmed and stored.user is None
    assert OutboxMessage.objects.in_wijk(wijk).filter(to_email="buur@example.net").exists()
    outbox_send_pending()
    link = next(line for line in mail.outbox[0].body.splitlines() if "/polls/confirm/" in line).strip()
    path = link.split("127.0.0.1:8000", 1)[1]
    # Not counted before the confirmation.
    from wijkplatform.polls.selectors import results

    assert results(wijk=wijk, poll=poll)[0]["rows"][0] == ("Ja", 0)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    assert fresh(stored).confirmed
    assert results(wijk=wijk, poll=poll)[0]["rows"][0] == ("Ja", 1)
    # The same address cannot answer twice.
    again = client.post(url("answer", wijk, pk=poll.pk), {f"q{q.pk}": ja.pk, "email": "buur@example.net"})
    assert again.status_code == 400
    assert Response.objects.in_wijk(wijk).count() == 1


def test_a_guest_cannot_answer_a_members_poll_and_a_bad_token_is_404(client, wijk):
    poll = quick_poll(wijk, guests_may_answer=False)
    q = Question.objects.in_wijk(wijk).get(poll=poll)
    ja = Choice.objects.in_wijk(wijk).filter(question=q).first()
    response = client.post(url("answer", wijk, pk=poll.pk), {f"q{q.pk}": ja.pk, "email": "x@example.net"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Response.objects.in_wijk(wijk).exists()
    assert client.get(url("guest_confirm", wijk, token="nonsense")).status_code == 404


def test_a_guest_with_a_bad_email_gets_a_message(client, wijk):
    poll = quick_poll(wijk, guests_may_answer=True)
    q = Question.objects.in_wijk(wijk).get(poll=poll)
    ja = Choice.objects.in_wijk(wijk).filter(question=q).first()
    response = client.post(url("answer", wijk, pk=poll.pk), {f"q{q.pk}": ja.pk, "email": "not-an-email"})
    assert response.status_code == 400
    assert not Response.objects.in_wijk(wijk).exists()


def test_guests_answering_very_fast_from_one_address_are_slowed_down(client, wijk):
    from wijkplatform.polls.views import GUEST_ANSWERS_PER_HOUR

    polls = [quick_poll(wijk, guests_may_answer=True) for _ in range(GUEST_ANSWERS_PER_HOUR + 1)]
    statuses = []
    for i, poll in enumerate(polls):
        q = Question.objects.in_wijk(wijk).get(poll=poll)
        ja = Choice.objects.in_wijk(wijk).filter(question=q).first()
        statuses.append(
            client.post(
                url("answer", wijk, pk=poll.pk), {f"q{q.pk}": ja.pk, "email": f"buur{i}@example.net"}
            ).status_code
        )
    assert statuses[:-1] == [302] * GUEST_ANSWERS_PER_HOUR and statuses[-1] == 429
    assert Response.objects.in_wijk(wijk).count() == GUEST_ANSWERS_PER_HOUR
