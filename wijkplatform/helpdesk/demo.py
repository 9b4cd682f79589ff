"""Demo help desk: FAQ entries, canned answers and a few tickets per demo wijk (idempotent)."""

import datetime

from django.utils import timezone

from .models import FAQ, CannedAnswer, Ticket, TicketMessage

FAQS = {
    "nl": [
        (
            "login",
            "Ik ben mijn wachtwoord vergeten",
            "Klik op **Inloggen** en dan op **Wachtwoord vergeten?**. "
            "Je krijgt een e-mail met een link om een nieuw wachtwoord te kiezen.",
            "wachtwoord inloggen vergeten",
        ),
        (
            "posting",
            "Hoe plaats ik een bericht?",
            "Ga naar **Prikbord**, schrijf je bericht in het vak bovenaan en "
            "kies wat voor bericht het is. Klik op **Plaatsen**.",
            "bericht plaatsen posten foto",
        ),
        (
            "phone",
            "Hoe zet ik de wijk op het beginscherm van mijn telefoon?",
            "Open de wijk in je browser, tik op het menu en kies **Toevoegen aan beginscherm**.",
            "telefoon app beginscherm",
        ),
    ],
    "en": [
        (
            "login",
            "I forgot my password",
            "Click **Log in**, then **Forgot your password?**. You get an email with a link to choose a new password.",
            "password login forgot",
        ),
        (
            "posting",
            "How do I post a message?",
            "Go to **Feed**, write your message in the box at the top and "
            "choose what kind of post it is. Click **Post**.",
            "post message photo",
        ),
        (
            "phone",
            "How do I put the wijk on my phone's home screen?",
            "Open the wijk in your browser, tap the menu and choose **Add to home screen**.",
            "phone app home screen",
        ),
    ],
}

TICKETS = {
    "nl": [
        (
            "login",
            "Kan niet inloggen",
            "Ik krijg steeds de melding dat mijn wachtwoord niet klopt.",
            "new",
            None,
        ),
        (
            "phone",
            "Foto's op mijn telefoon",
            "Hoe voeg ik een foto toe vanaf mijn telefoon?",
            "waiting",
            "Tik op het fotootje onder het tekstvak en kies een foto uit je galerij.",
        ),
        (
            "broken",
            "Agenda laadt niet",
            "De agendapagina bleef gisteren wit.",
            "solved",
            "Dank voor je melding! Het is opgelost; laat het weten als het weer gebeurt.",
        ),
    ],
    "en": [
        ("login", "Cannot log in", "It keeps telling me my password is wrong.", "new", None),
        (
            "phone",
            "Photos from my phone",
            "How do I add a photo from my phone?",
            "waiting",
            "Tap the little picture under the text box and pick a photo from your gallery.",
        ),
        (
            "broken",
            "Events page did not load",
            "The events page stayed blank yesterday.",
            "solved",
            "Thanks for telling us! It is fixed; let us know if it happens again.",
        ),
    ],
}


def populate(*, wijk, people):
    language = "nl" if wijk.language == "nl" else "en"
    faqs = []
    for position, (category, question, answer, keywords) in enumerate(FAQS[language]):
        faq, _ = FAQ.objects.get_or_create(
            wijk=wijk,
            question=question,
            defaults={"category": category, "answer": answer, "keywords": keywords, "position": position},
        )
        faqs.append(faq)
    CannedAnswer.objects.get_or_create(
        wijk=wijk, title=faqs[0].question, defaults={"body": faqs[0].answer, "faq": faqs[0]}
    )
    if Ticket.objects.in_wijk(wijk).exists():
        return
    helper = people.get("tech_helper")
    resident = people.get("resident")
    now = timezone.now()
    for index, (category, subject, question, status, reply) in enumerate(TICKETS[language]):
        asked = now - datetime.timedelta(days=3 - index, hours=index * 2)
        ticket = Ticket.objects.create(
            wijk=wijk,
            category=category,
            subject=subject,
            question=question,
            status=status,
            asker=resident if index == 1 else None,
            asker_email="" if index == 1 else f"buur{index}@example.org",
            asker_name="" if index == 1 else ("Henk" if language == "nl" else "Sam"),
            claimed_by=helper if reply else None,
        )
        fields = {"created_at": asked}
        if reply and helper:
            TicketMessage.objects.create(wijk=wijk, ticket=ticket, author=helper, body=reply)
            fields["first_response_at"] = asked + datetime.timedelta(hours=3)
            if status == "solved":
                fields["solved_at"] = asked + datetime.timedelta(hours=20)
        Ticket.objects.in_wijk(wijk).filter(pk=ticket.pk).update(**fields)
