import factory

from wijkplatform.budget.models import Plan, Round


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    title = factory.Sequence(lambda n: f"Budget round {n}")
    amount = 1000
    phase = Round.Phase.SUBMISSION


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    wijk = factory.SelfAttribute("round.wijk")
    round = factory.SubFactory(RoundFactory)
    title = factory.Sequence(lambda n: f"Plan {n}")
    description = "Benches along the canal."
    cost = 300
    status = Plan.Status.FEASIBLE


def fresh(obj):
    """The row as stored now, read through its wijk (refresh_from_db would not constrain the wijk)."""
    return type(obj).objects.in_wijk(obj.wijk_id).get(pk=obj.pk)
