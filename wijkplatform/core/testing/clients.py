from django.test import Client


def logged_in(person, language="en", **options):
    """A test client logged in as this person, asking for pages in this language."""
    browser = Client(HTTP_ACCEPT_LANGUAGE=language, **options)
    browser.force_login(person)
    return browser
