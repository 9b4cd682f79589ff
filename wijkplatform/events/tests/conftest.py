import pytest


@pytest.fixture
def client(client):
    """Pages in English for the assertions (a visitor without a preference would get the wijk's language)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
