from django.core.files.base import ContentFile

from wijkplatform.core.testing.leakwalk import sample
from wijkplatform.newsroom.models import Edition, Revision

from .factories import PitchFactory, StoryFactory


@sample
def stories(wijk, marker, author):
    story = StoryFactory(wijk=wijk, reporter=author, title=marker, lead=marker)
    Revision.objects.create(wijk=wijk, story=story, number=1, title=marker, by=author)
    draft = StoryFactory(wijk=wijk, reporter=author, title=marker, status="submitted", published_at=None)
    pitch = PitchFactory(wijk=wijk, by=author, title=marker)
    edition = Edition.objects.create(wijk=wijk, number=7, title=marker, story_ids=[story.pk], by=author)
    edition.pdf.save("leak.pdf", ContentFile(b"%PDF-1.7 " + marker.encode()), save=False)
    Edition.objects.in_wijk(wijk).filter(pk=edition.pk).update(pdf=edition.pdf.name)
    return {
        "newsroom:story": {"pk": story.pk},
        "newsroom:story_print": {"pk": story.pk},
        "newsroom:desk_story": {"pk": draft.pk},
        "newsroom:desk_autosave": {"pk": draft.pk},
        "newsroom:desk_step": {"pk": draft.pk},
        "newsroom:desk_comment": {"pk": draft.pk},
        "newsroom:desk_diff": {"pk": story.pk},
        "newsroom:desk_photo": {"pk": draft.pk},
        "newsroom:desk_pitch_assign": {"pk": pitch.pk},
        "newsroom:paper_edition": {"number": edition.number},
    }
