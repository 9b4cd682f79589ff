import factory

from wijkplatform.community.models import Comment, Initiative, InitiativeTask, KindnessWord, Post


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    kind = Post.Kind.MESSAGE
    text = factory.Sequence(lambda n: f"Bericht nummer {n} uit de wijk")
    audience = Post.Audience.PUBLIC


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    text = factory.Sequence(lambda n: f"Reactie {n}")


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    title = factory.Sequence(lambda n: f"Initiatief {n}")
    description = "Samen maken we de straat schoon."


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeTask

    title = factory.Sequence(lambda n: f"Taak {n}")
    needed = 2


class KindnessWordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KindnessWord

    phrase = factory.Sequence(lambda n: f"woord{n}")
