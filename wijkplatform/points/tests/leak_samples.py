from wijkplatform.core.testing.leakwalk import sample


@sample
def points(wijk, marker, author):
    from wijkplatform.points.models import PointHost
    from wijkplatform.points.tests.factories import PointFactory, consent

    point = PointFactory(wijk=wijk, name=marker, slug="leak-point", description=marker)
    PointHost.objects.get_or_create(wijk=wijk, point=point, user=author)
    consent(point, author, author)
    kwargs = {"slug": point.slug}
    return {
        "points:detail": kwargs,
        "points:screen": kwargs,
        "points:desk_point": kwargs,
        "points:assist": kwargs,
    }
