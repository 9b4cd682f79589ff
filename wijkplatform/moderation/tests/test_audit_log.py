import pytest

from wijkplatform.core.testing.factories import member
from wijkplatform.moderation.models import AppendOnly, AuditEntry
from wijkplatform.moderation.services import audit

from .helpers import url


def test_the_audit_log_is_append_only(wijk, alice):
    entry = audit(wijk=wijk, actor=alice, action="report", target="A story")
    entry.detail = "changed"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.in_wijk(wijk).update(detail="changed")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.in_wijk(wijk).delete()
    assert AuditEntry.objects.in_wijk(wijk).get().detail == ""


def test_coordinators_read_the_log_residents_do_not(client, wijk, alice, coordinator):
    audit(wijk=wijk, actor=alice, action="decision_hide", target="A rude post")
    client.force_login(alice)
    assert client.get(url(wijk, "audit_log")).status_code == 403
    client.force_login(coordinator)
    page = client.get(url(wijk, "audit_log")).content.decode()
    assert "A rude post" in page and "decision_hide" in page


def test_editors_read_it_too(client, wijk):
    client.force_login(member(wijk, "editor"))
    assert client.get(url(wijk, "audit_log")).status_code == 200
