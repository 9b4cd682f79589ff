import importlib

from wijkplatform.core.capabilities import ROLES
from wijkplatform.core.testing.factories import member


def test_demo_populates_twice(wijk, other_wijk):
    for w in (wijk, other_wijk):
        people = {role: member(w, role) for role in ROLES}
        for app in ("polls", "budget", "recognition", "messaging"):
            mod = importlib.import_module(f"wijkplatform.{app}.demo")
            mod.populate(wijk=w, people=people)
            mod.populate(wijk=w, people=people)
