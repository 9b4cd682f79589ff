from django.urls import reverse


def url(wijk, name, **kwargs):
    return reverse(f"newsroom:{name}", kwargs={"wijk_slug": wijk.slug, **kwargs})
