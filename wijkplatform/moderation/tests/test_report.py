import pytest

from wijkplatform.moderation.models import AuditEntry, Guideline, Report

from .helpers import story_of, url


def first_guideline(wijk):
    from wijkplatform.moderation.selectors import guidelines_active

    return guidelines_active(wijk=wijk).first()


def test_member_reports_a_story_with_a_guideline_once(client, wijk, alice, bob):
    story = story_of(wijk, bob, title="A story")
    client.force_login(alice)
    report_url = url(wijk, "report", content="newsroom.story", pk=story.pk)
    page = client.get(report_url).content.decode()
    guideline = first_guideline(wijk)
    assert guideline.title == "Wees vriendelijk en respectvol"  # the defaults, made on first use, in Dutch
    assert guideline.title in page
    response = client.post(report_url, {"guideline": guideline.pk, "note": "Rude words"})
    assert response.status_code == 302
    report = Report.objects.in_wijk(wijk).get()
    assert report.reporter == alice and report.author == bob and report.guideline_id == guideline.pk
    assert AuditEntry.objects.in_wijk(wijk).filter(action="report").exists()
    response = client.post(report_url, {"guideline": guideline.pk})
    assert response.status_code == 409
    assert "already reported" in response.content.decode()
    assert Report.objects.in_wijk(wijk).count() == 1


def test_the_report_link_on_a_story_points_here(client, wijk, alice, bob):
    story = story_of(wijk, bob)
    client.force_login(alice)
    page = client.get(f"/{wijk.slug}/stories/{story.pk}/").content.decode()
    assert url(wijk, "report", content="newsroom.story", pk=story.pk) in page


def test_a_profile_is_reported_as_accounts_user_only_for_members(client, wijk, alice, bob, charlie):
    client.force_login(alice)
    guideline = first_guideline(wijk)
    assert (
        client.post(url(wijk, "report", content="accounts.user", pk=bob.pk), {"guideline": guideline.pk}).status_code
        == 302
    )
    assert client.get(url(wijk, "report", content="accounts.user", pk=charlie.pk)).status_code == 404


@pytest.mark.parametrize("content", ["nope.model", "wijken.wijk", "wijken.membership", "accounts", "x"])
def test_only_reportable_wijk_content_resolves(client, wijk, alice, content):
    client.force_login(alice)
    assert client.get(url(wijk, "report", content=content, pk=1)).status_code == 404


def test_content_of_another_wijk_is_a_404(client, wijk, other_wijk, alice, charlie):
    story = story_of(other_wijk, charlie)
    client.force_login(alice)
    assert client.get(url(wijk, "report", content="newsroom.story", pk=story.pk)).status_code == 404


def test_bad_report_input(client, wijk, alice, bob, stranger):
    story = story_of(wijk, bob)
    report_url = url(wijk, "report", content="newsroom.story", pk=story.pk)
    client.force_login(alice)
    assert client.post(report_url, {"guideline": 999999}).status_code == 400
    assert client.post(report_url, {}).status_code == 400
    other = Guideline.objects.create(wijk=wijk, title="Off", is_active=False)
    assert client.post(report_url, {"guideline": other.pk}).status_code == 400
    client.force_login(bob)
    assert client.post(report_url, {"guideline": first_guideline(wijk).pk}).status_code == 400  # own story
    client.force_login(stranger)
    assert client.get(report_url).status_code == 403
    assert not Report.objects.in_wijk(wijk).exists()


def test_reporting_is_rate_limited(client, wijk, alice, bob, settings):
    from wijkplatform.moderation import services

    guideline = first_guideline(wijk)
    stories = [story_of(wijk, bob) for _n in range(3)]
    settings_limit = services.REPORTS_PER_HOUR
    services.REPORTS_PER_HOUR = 2
    try:
        client.force_login(alice)
        codes = [
            client.post(url(wijk, "report", content="newsroom.story", pk=s.pk), {"guideline": guideline.pk}).status_code
            for s in stories
        ]
    finally:
        services.REPORTS_PER_HOUR = settings_limit
    assert codes == [302, 302, 429]
    assert Report.objects.in_wijk(wijk).count() == 2
