"""A wijk's addresses: each app's pages are tried only for addresses that start with that app's first
segments (`wijk_part` in wijkplatform/urls.py), and every named address still leads to its own page."""

import sys
import types

import pytest
from django.urls import NoReverseMatch, include, path, resolve, reverse

from wijkplatform.core.testing import leakwalk
from wijkplatform.urls import wijk_part


def view(request):
    return None


def test_every_named_wijk_address_leads_back_to_its_own_page():
    checked = 0
    for name, arguments in leakwalk.wijk_url_patterns():
        kwargs = dict.fromkeys(arguments, "1") | {"wijk_slug": "oude-noorden"}
        try:
            address = reverse(name, kwargs=kwargs)
        except NoReverseMatch:  # an argument that is not a number or a slug (a token with its own form)
            kwargs = dict.fromkeys(arguments, "abc") | {"wijk_slug": "oude-noorden"}
            address = reverse(name, kwargs=kwargs)
        match = resolve(address)
        assert match.view_name == name, address
        assert match.kwargs["wijk_slug"] == "oude-noorden"
        checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("/oude-noorden/", "wijken:home"),
        ("/oude-noorden/feed/", "community:feed"),
        ("/oude-noorden/feed.rss", "community:feed_rss"),
        ("/oude-noorden/stories/", "newsroom:stories"),
        ("/oude-noorden/desk/stories/", "newsroom:desk"),
        ("/oude-noorden/desk/help/", "helpdesk:desk"),
        ("/oude-noorden/figures/", "insights:figures"),
    ],
)
def test_an_address_finds_its_app_among_those_sharing_a_first_segment(address, name):
    assert resolve(address).view_name == name


def test_an_app_whose_addresses_do_not_start_with_plain_text_is_tried_for_every_address(monkeypatch):
    by_number = types.ModuleType("by_number")
    by_number.urlpatterns = [path("<int:pk>/", view)]
    nested = types.ModuleType("nested")
    nested.urlpatterns = [path("", view), path("", include(by_number))]
    plain = types.ModuleType("plain")
    plain.urlpatterns = [path("", view), path("feed/", view), path("feed.rss", view)]
    for module in (by_number, nested, plain):
        monkeypatch.setitem(sys.modules, module.__name__, module)

    assert str(wijk_part("by_number").pattern) == ""
    assert str(wijk_part("nested").pattern) == ""
    tried_for = wijk_part("plain").pattern
    assert tried_for.match("feed/") and tried_for.match("feed.rss") and tried_for.match("")
    assert not tried_for.match("feeds/") and not tried_for.match("events/")
