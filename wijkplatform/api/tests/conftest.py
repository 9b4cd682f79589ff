import pytest

from wijkplatform.accounts.tokens import token_create


@pytest.fixture
def write_token(alice):
    return token_create(user=alice, name="test app", scope="write")[1]


@pytest.fixture
def read_token(alice):
    return token_create(user=alice, name="reader", scope="read")[1]


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
