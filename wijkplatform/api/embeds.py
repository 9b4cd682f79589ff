"""Embeds for partner websites: the wijk's agenda and latest stories as a small page to put in an iframe."""

from csp.decorators import csp_replace
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt

from wijkplatform.events.selectors import events_upcoming
from wijkplatform.newsroom.selectors import stories_published

EMBED_ITEMS = 5


def embeddable(view):
    """Any website may frame this page (it shows only what the wijk publishes to everyone)."""
    return xframe_options_exempt(csp_replace({"frame-ancestors": ["*"]})(view))


@embeddable
def agenda(request):
    dates = events_upcoming(wijk=request.wijk, limit=EMBED_ITEMS)
    return render(request, "api/embed_agenda.html", {"dates": dates})


@embeddable
def stories(request):
    return render(request, "api/embed_stories.html",
                  {"stories": stories_published(wijk=request.wijk, limit=EMBED_ITEMS)})


def snippets(request):
    """The page where a partner copies the code to put the widgets on their own website."""
    return render(request, "api/embed_snippets.html")
