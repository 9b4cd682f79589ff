from wijkplatform.core.testing.leakwalk import sample
from wijkplatform.moderation.models import Appeal, Decision, Guideline, Report
from wijkplatform.newsroom.tests.factories import StoryFactory


@sample
def moderation(wijk, marker, author):
    story = StoryFactory(wijk=wijk, reporter=author, title=marker)
    guideline = Guideline.objects.create(wijk=wijk, title=marker, text=marker)
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(story)
    Report.objects.create(
        wijk=wijk,
        content_type=content_type,
        object_id=story.pk,
        reporter=author,
        author=author,
        guideline=guideline,
        excerpt=marker,
    )
    decision = Decision.objects.create(
        wijk=wijk,
        content_type=content_type,
        object_id=story.pk,
        label=marker,
        action="hide",
        guideline=guideline,
        member=author,
        by=author,
    )
    appeal = Appeal.objects.create(wijk=wijk, decision=decision, by=author, text=marker)
    return {
        "moderation:report": {"content": "newsroom.story", "pk": story.pk},
        "moderation:decide": {"content": "newsroom.story", "pk": story.pk},
        "moderation:appeal": {"pk": decision.pk},
        "moderation:appeal_decide": {"pk": appeal.pk},
        "moderation:guideline_edit": {"pk": guideline.pk},
    }
