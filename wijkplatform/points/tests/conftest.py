import pytest


@pytest.fixture
def client():
    """Pages in English, whatever the wijk's own language: the tests read the English source strings."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")
