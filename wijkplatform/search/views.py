from django.shortcuts import render

from .selectors import search_wijk


def search(request):
    return render(request, "search/search.html", search_wijk(request=request))
