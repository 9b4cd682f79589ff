"""The demo content: global courses, knowledge bank and pilot are made once, whatever the number of wijken."""

from wijkplatform.academy import demo
from wijkplatform.academy.models import Certificate, Cohort, Course, KnowledgeEntry, Pilot
from wijkplatform.academy.selectors import completed_role_courses
from wijkplatform.core.capabilities import ROLES
from wijkplatform.core.testing.factories import member


def people_of(wijk):
    return {role: member(wijk, role) for role in ROLES}


def test_demo_is_idempotent_and_global_content_made_once(wijk, other_wijk):
    first, second = people_of(wijk), people_of(other_wijk)
    demo.populate(wijk=wijk, people=first)
    demo.populate(wijk=other_wijk, people=second)
    demo.populate(wijk=wijk, people=first)
    assert Course.objects.count() == 6
    assert set(Course.objects.values_list("language", flat=True)) == {"nl", "en"}
    assert KnowledgeEntry.objects.count() == 5
    assert Pilot.objects.count() == 1
    assert set(Pilot.objects.get().wijken.all()) == {wijk, other_wijk}
    assert Cohort.objects.count() == 2
    assert Certificate.objects.count() == 2
    badges = completed_role_courses(user=first["reporter"])
    assert [b["course"].title for b in badges] == ["Wijkreporter: je eerste verhaal"]
    assert [b["course"].language for b in completed_role_courses(user=second["reporter"])] == ["en"]
