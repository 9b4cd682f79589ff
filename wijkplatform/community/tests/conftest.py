import pytest


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    """The tests read English messages; the wijk of the fixtures speaks Dutch to visitors without a choice."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
