import pytest
from django.urls import reverse

from wijkplatform.notifications.services import notify

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "<a href='javascript:alert(1)'>x</a>",
]


@pytest.mark.django_db
def test_notification_text_is_escaped(client, wijk, alice):
    for payload in PAYLOADS:
        notify(wijk=wijk, recipients=[alice], kind="reply", title=payload, body=payload, url="/oude-noorden/")
    client.force_login(alice)
    text = client.get(reverse("notifications:inbox", kwargs={"wijk_slug": wijk.slug})).content.decode()
    for raw in ["<script>alert(1)", "<img src=x", "<svg onload", "<a href='javascript"]:
        assert raw not in text
