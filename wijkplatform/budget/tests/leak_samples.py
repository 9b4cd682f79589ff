from wijkplatform.budget.models import Round
from wijkplatform.core.testing.leakwalk import sample

from .factories import PlanFactory, RoundFactory


@sample
def budget(wijk, marker, author):
    round = RoundFactory(wijk=wijk, title=marker, phase=Round.Phase.VOTING)
    plan = PlanFactory(wijk=wijk, round=round, title=f"{marker} plan", submitted_by=author, won=True)
    return {
        "budget:round": {"pk": round.pk},
        "budget:plan_new": {"pk": round.pk},
        "budget:round_advance": {"pk": round.pk},
        "budget:vote": {"pk": round.pk},
        "budget:round_close": {"pk": round.pk},
        "budget:plan": {"pk": plan.pk},
        "budget:plan_review": {"pk": plan.pk},
        "budget:progress_add": {"pk": plan.pk},
    }
