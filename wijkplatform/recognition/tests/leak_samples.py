from wijkplatform.core.testing.leakwalk import sample
from wijkplatform.recognition.models import HoursLog, Nomination, VolunteerProfile
from wijkplatform.recognition.services import this_month

from .factories import HoursLogFactory


@sample
def recognition(wijk, marker, author):
    from wijkplatform.core.testing.factories import member

    VolunteerProfile.objects.create(wijk=wijk, user=author, show_publicly=True)
    log = HoursLogFactory(wijk=wijk, volunteer=author, what_for=marker, status=HoursLog.Status.PENDING)
    other = member(wijk, display_name=f"{marker} nominee")
    nomination = Nomination.objects.create(
        wijk=wijk, month=this_month(wijk), nominee=other, nominated_by=author, reason=marker, chosen=True
    )
    return {"recognition:confirm": {"pk": log.pk}, "recognition:choose": {"pk": nomination.pk}}
