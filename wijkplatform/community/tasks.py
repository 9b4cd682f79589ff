from celery import shared_task

from wijkplatform.wijken.models import Wijk

from . import services


@shared_task(name="community.photo_make_variants", autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def photo_make_variants(photo_id, wijk_id):
    wijk = Wijk.objects.filter(pk=wijk_id).first()
    if wijk is None:
        return None
    photo = services.photo_variants_make(wijk=wijk, photo_id=photo_id)
    return photo.pk if photo else None
