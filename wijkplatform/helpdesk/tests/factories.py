import time

import factory
from django.core import signing

from wijkplatform.helpdesk.forms import _SALT
from wijkplatform.helpdesk.models import FAQ, Ticket


class FAQFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQ

    category = "login"
    question = "I forgot my password"
    answer = "Use **Forgot password?** on the login page."
    keywords = "password wachtwoord login"


class TicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ticket

    category = "posting"
    subject = factory.Sequence(lambda n: f"Question {n}")
    question = "How do I add a photo to my post?"
    asker_email = "asker@example.org"


def started(seconds_ago=10):
    return signing.dumps(time.time() - seconds_ago, salt=_SALT)


def ask_data(**overrides):
    data = {
        "category": "posting",
        "question": "How do I add a photo to my post?",
        "email": "asker@example.org",
        "name": "Piet",
        "website": "",
        "started": started(),
        "confirmed": "on",
    }
    data.update(overrides)
    return data
