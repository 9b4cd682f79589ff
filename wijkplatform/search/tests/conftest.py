import pytest


@pytest.fixture
def client(client):
    """Pages speak English in these tests (a wijk otherwise speaks its own language to visitors)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
