from wijkplatform.core.testing.leakwalk import sample


@sample
def tickets(wijk, marker, author):
    from wijkplatform.helpdesk.models import FAQ, Ticket

    FAQ.objects.create(wijk=wijk, question=marker, answer=marker)
    ticket = Ticket.objects.create(
        wijk=wijk,
        category="other",
        subject=marker,
        question=marker,
        asker_email="leak@example.org",
        token="leak-ticket-token",
    )
    return {"helpdesk:ticket": {"token": ticket.token}, "helpdesk:desk_ticket": {"pk": ticket.pk}}


@sample
def task_failures(wijk, marker, author):
    from wijkplatform.helpdesk.models import TaskFailure

    # Shown on the wijk's health page (no arguments): the walker checks it never shows on another wijk's.
    TaskFailure.objects.create(wijk=wijk, task=f"leak.{marker}", error="ValueError", message=marker)
    return {}
