"""Schemathesis generates requests from our OpenAPI schema: no server error, no response that breaks it."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from wijkplatform.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def api_data(wijk, other_wijk, alice, coordinator):
    from wijkplatform.community.tests.factories import CommentFactory, PostFactory
    from wijkplatform.events.tests.factories import make_event

    post = PostFactory(wijk=wijk, author=alice, text="Wie heeft een ladder?")
    CommentFactory(wijk=wijk, post=post, author=coordinator, text="Ik!")
    make_event(wijk, coordinator)


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_holds_to_its_schema(case, api_data):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
