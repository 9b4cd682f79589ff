import pytest
from django.test import Client


@pytest.fixture
def client():
    """Pages in English (the source strings), whatever the wijk's own language is."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")
