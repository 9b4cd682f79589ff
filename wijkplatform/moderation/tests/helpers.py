from django.urls import reverse


def url(wijk, name, **kwargs):
    return reverse(f"moderation:{name}", kwargs={"wijk_slug": wijk.slug, **kwargs})


def story_of(wijk, author, **fields):
    from wijkplatform.newsroom.tests.factories import StoryFactory

    return StoryFactory(wijk=wijk, reporter=author, **fields)
