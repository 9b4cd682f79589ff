from datetime import timedelta

from django.utils import timezone

from wijkplatform.polls.models import Answer, Poll, Question, Response

from .factories import fresh, quick_poll
from .test_poll_ask import url


def test_one_answer_per_member(client, wijk, alice):
    poll = quick_poll(wijk, title="Bankje bij de speeltuin?")
    q = Question.objects.in_wijk(wijk).get(poll=poll)
    yes_id = q.choices.model.objects.in_wijk(wijk).filter(question=q).first().pk
    client.force_login(alice)
    assert client.post(url("answer", wijk, pk=poll.pk), {f"q{q.pk}": yes_id}).status_code == 302
    response = client.post(url("answer", wijk, pk=poll.pk), {f"q{q.pk}": yes_id})
    assert response.status_code == 400
    assert "already answered" in response.content.decode()
    assert Response.objects.in_wijk(wijk).count() == 1
    assert Answer.objects.in_wijk(wijk).count() == 1


def test_results_after_answering_with_a_chart_and_a_table(client, wijk, alice, bob):
    poll = quick_poll(wijk, title="Bankje?", choices=("Ja", "Nee"))
    q = Question.objects.in_wijk(wijk).get(poll=poll)
    ja, nee = q.choices.model.objects.in_wijk(wijk).filter(question=q)
    client.force_login(bob)
    client.post(url("answer", wijk, pk=poll.pk), {f"q{q.pk}": nee.pk})
    client.force_login(alice)
    before = client.get(url("detail", wijk, pk=poll.pk)).content.decode()
    assert "<svg" not in before and "shown after you answer" in before
    client.post(url("answer", wijk, pk=poll.pk), {f"q{q.pk}": ja.pk})
    page = client.get(url("detail", wijk, pk=poll.pk)).content.decode()
    svg = page.split("<svg", 1)[1].split("</svg>")[0]
    assert "<script" not in svg and ' style="' not in svg  # the strict CSP allows neither
    assert '<style nonce="' in svg
    # The shared chart (core/_bar_chart.html, also the budget's): an image with a name and the figures as its
    # description, the wijk's colour, each choice with its count.
    assert 'role="img"' in svg and ">Bankje?</title>" in svg and ">Ja: 1; Nee: 1</desc>" in svg
    assert "fill:var(--wijk-colour)" in svg
    assert '<text x="0" y="17">Ja</text>\n  <text x="360" y="17" text-anchor="end">1</text>' in svg
    assert "<td>Ja</td><td>1</td>" in page and "<td>Nee</td><td>1</td>" in page


def test_results_after_closing_stay_hidden_until_then(client, wijk, alice):
    poll = quick_poll(wijk, results=Poll.Results.AFTER_CLOSE)
    q = Question.objects.in_wijk(wijk).get(poll=poll)
    choice = q.choices.model.objects.in_wijk(wijk).filter(question=q).first()
    client.force_login(alice)
    client.post(url("answer", wijk, pk=poll.pk), {f"q{q.pk}": choice.pk})
    assert "<svg" not in client.get(url("detail", wijk, pk=poll.pk)).content.decode()
    Poll.objects.in_wijk(wijk).filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    assert "<svg" in client.get(url("detail", wijk, pk=poll.pk)).content.decode()


def test_a_closed_poll_takes_no_answers(client, wijk, alice):
    poll = quick_poll(wijk, closes_at=timezone.now() - timedelta(hours=1))
    q = Question.objects.in_wijk(wijk).get(poll=poll)
    choice = q.choices.model.objects.in_wijk(wijk).filter(question=q).first()
    client.force_login(alice)
    response = client.post(url("answer", wijk, pk=poll.pk), {f"q{q.pk}": choice.pk})
    assert response.status_code == 400
    assert not Response.objects.in_wijk(wijk).exists()


def test_a_choice_of_another_question_is_refused(client, wijk, alice):
    poll = quick_poll(wijk)
    other = quick_poll(wijk)
    q = Question.objects.in_wijk(wijk).get(poll=poll)
    foreign = q.choices.model.objects.in_wijk(wijk).filter(question__poll=other).first()
    client.force_login(alice)
    response = client.post(url("answer", wijk, pk=poll.pk), {f"q{q.pk}": foreign.pk})
    assert response.status_code == 400
    assert not Response.objects.in_wijk(wijk).exists()


def test_member_of_another_wijk_cannot_answer(client, wijk, charlie):
    poll = quick_poll(wijk)
    client.force_login(charlie)
    assert client.get(url("detail", wijk, pk=poll.pk)).status_code == 200  # a public wijk: can read
    response = client.post(url("answer", wijk, pk=poll.pk), {})
    assert response.status_code in (400, 403)
    assert not Response.objects.in_wijk(wijk).exists()
    assert fresh(poll).pk == poll.pk
