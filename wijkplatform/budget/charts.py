"""The charts of a closed round, drawn by the shared SVG bar chart (`core/_bar_chart.html`, also used by polls).
The results table stays beside them as their text alternative."""

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from .models import Plan


def money(round, value):
    return f"{round.currency} {floatformat(value, '2g')}"


def results_charts(*, round, plans):
    """Two charts for the results page: votes per plan with the winners marked, and the money: what the winning
    plans use against the budget line (and what all plans put to the vote would have cost)."""
    if not plans:
        return None
    votes = {
        "id": f"budget-votes-{round.pk}",
        "title": _("Votes per plan"),
        "description": _(
            "Votes per plan; the winning plans are marked with ✓. The table beside the chart gives the same "
            "figures with the cost of each plan."
        ),
        "rows": [
            {
                "label": plan.title,
                "value": plan.votes,
                "shown": str(plan.votes),
                "mark": plan.won,
                "muted": not plan.won,
            }
            for plan in plans
        ],
        "max": max(plan.votes for plan in plans),
        "legend": [{"kind": "mark", "text": _("Won")}, {"kind": "muted", "text": _("Not chosen")}],
    }
    spent = sum((plan.cost for plan in plans if plan.won), 0)
    asked = sum((plan.cost for plan in plans if plan.status == Plan.Status.FEASIBLE), 0)
    figures = {"spent": money(round, spent), "amount": money(round, round.amount), "asked": money(round, asked)}
    budget_line = {"kind": "line", "text": _("Budget: %(amount)s") % figures}
    budget = {
        "id": f"budget-money-{round.pk}",
        "title": _("The budget and the winning plans"),
        "description": _(
            "The winning plans use %(spent)s of the budget of %(amount)s. All plans put to the vote together "
            "cost %(asked)s."
        )
        % figures,
        "rows": [
            {"label": _("Winning plans"), "value": spent, "shown": figures["spent"], "mark": True},
            {"label": _("All plans put to the vote"), "value": asked, "shown": figures["asked"], "muted": True},
        ],
        "max": max(round.amount, asked),
        "line": {"value": round.amount},
        "legend": [budget_line],
    }
    return {"votes": votes, "budget": budget}
