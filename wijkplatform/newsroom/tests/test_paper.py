from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wijkplatform.core.testing.factories import member
from wijkplatform.newsroom import paper
from wijkplatform.newsroom.models import Edition

from .factories import StoryFactory
from .helpers import url


def test_editor_composes_an_edition_and_anyone_downloads_the_pdf(client, wijk):
    reporter = member(wijk, "reporter", display_name="Sanne")
    editor = member(wijk, "editor")
    buffer = BytesIO()
    Image.new("RGB", (60, 40), "red").save(buffer, format="PNG")
    one = StoryFactory(wijk=wijk, reporter=reporter, title="Forty trees on the canal")
    one.cover.save("c.png", SimpleUploadedFile("c.png", buffer.getvalue()), save=True)
    two = StoryFactory(wijk=wijk, reporter=reporter, title="The bakery turns fifty")
    assert client.get(url(wijk, "paper_latest")).status_code == 404
    client.force_login(editor)
    response = client.post(
        url(wijk, "desk_paper"), {"title": "Winter 2026", "intro": "Welcome!", "stories": [one.pk, two.pk]}
    )
    assert response.status_code == 302
    edition = Edition.objects.in_wijk(wijk).get()
    assert edition.number == 1
    client.logout()
    response = client.get(url(wijk, "paper_latest"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    archive = client.get(url(wijk, "paper")).content.decode()
    assert "Winter 2026" in archive
    assert client.get(url(wijk, "paper_edition", number=1)).status_code == 200
    assert client.get(url(wijk, "paper_edition", number=2)).status_code == 404


def test_the_paper_html_has_the_titles_masthead_agenda_and_qr(wijk):
    reporter = member(wijk, "reporter")
    stories = [StoryFactory(wijk=wijk, reporter=reporter, title=t) for t in ("First title", "Second title")]
    edition = Edition(wijk=wijk, number=3, title="Spring")
    html = paper.render_edition_html(wijk=wijk, edition=edition, stories=stories)
    assert "First title" in html and "Second title" in html
    assert wijk.name in html and wijk.colour in html
    assert "data:image/svg+xml" in html  # the QR code to the wijk
    assert "help/" in html
    assert paper.render_pdf(html).startswith(b"%PDF")


def test_paper_bad_input(client, wijk, alice):
    reporter = member(wijk, "reporter")
    draft = StoryFactory(wijk=wijk, reporter=reporter, status="draft", published_at=None)
    editor = member(wijk, "editor")
    client.force_login(alice)
    assert client.get(url(wijk, "desk_paper")).status_code == 403
    client.force_login(editor)
    assert client.post(url(wijk, "desk_paper"), {"title": "X", "stories": [draft.pk]}).status_code == 400
    assert client.post(url(wijk, "desk_paper"), {"title": "", "stories": []}).status_code == 400
    assert not Edition.objects.in_wijk(wijk).exists()


def test_the_paper_carries_the_agenda_and_the_points_with_their_hours(wijk):
    import pytest

    events_factories = pytest.importorskip("wijkplatform.events.tests.factories")
    points_factories = pytest.importorskip("wijkplatform.points.tests.factories")
    reporter = member(wijk, "reporter")
    point = points_factories.PointFactory(wijk=wijk, name="Buurthuis De Zwaan")
    points_factories.hours(point, 0, "10:00", "16:00")
    events_factories.make_event(wijk, member(wijk), title="Buurtborrel aan het kanaal")
    story = StoryFactory(wijk=wijk, reporter=reporter, title="A story for the paper")
    html = paper.render_edition_html(wijk=wijk, edition=Edition(wijk=wijk, number=1, title="X"), stories=[story])
    assert "Buurtborrel aan het kanaal" in html
    assert "Buurthuis De Zwaan" in html and "10:00-16:00" in html
