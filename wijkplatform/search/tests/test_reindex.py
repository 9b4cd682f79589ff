import pytest
from django.core.management import CommandError, call_command

from wijkplatform.search.backends import get_backend

from .factories import document


@pytest.mark.django_db
def test_reindex_after_a_language_change(wijk, capsys):
    doc = document(wijk, title="Gardening", body="We are planting trees")
    wijk.language = "en"
    wijk.save(update_fields=["language"])
    call_command("search_reindex", "--wijk", wijk.slug)
    assert "1 document(s)" in capsys.readouterr().out
    assert [h.pk for h in get_backend().search(wijk=wijk, query="plant", members=True).hits] == [doc.pk]


@pytest.mark.django_db
def test_reindex_unknown_wijk(db):
    with pytest.raises(CommandError):
        call_command("search_reindex", "--wijk", "nowhere")
